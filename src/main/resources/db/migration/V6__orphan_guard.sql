-- Portable subset of SQL: this file must run unchanged on H2 2.x and PostgreSQL 15.
-- running_since: when the task last became active (the vendor accepted its start, or it was adopted); kept through
-- updates and the stop, cleared when it ends or starts again. The orphan guard stops a task that ran longer than
-- its app's max-duration from it.

alter table relay_task add column running_since timestamp with time zone;

update relay_task set running_since = updated_at where state in ('ACTIVE', 'UPDATING', 'STOPPING');

create index relay_task_running_idx on relay_task (app_id, state, running_since);
