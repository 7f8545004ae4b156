-- Portable subset of SQL: this file must run unchanged on H2 2.x and PostgreSQL 15.
-- outcome_unknown: the last vendor call of a transitional task ended without a known outcome (a call in flight
-- has false). reconcile_attempts / next_reconcile_at: the reconciler's backoff for a task it could not settle;
-- every write of the task resets them. relay_task_event.state: the state a history entry left the task in.

alter table relay_task add column outcome_unknown boolean default false not null;
alter table relay_task add column reconcile_attempts integer default 0 not null;
alter table relay_task add column next_reconcile_at timestamp with time zone;
alter table relay_task_event add column state varchar(16);

-- tasks stuck before this version were all of unknown outcome (their calls had ended or their process had died)
update relay_task set outcome_unknown = true where state in ('STARTING', 'UPDATING', 'STOPPING');

create index relay_task_due_idx on relay_task (state, next_reconcile_at);
