-- Portable subset of SQL: this file must run unchanged on H2 2.x and PostgreSQL 15.
-- One row per (app, caller, Idempotency-Key). The primary key is the lock: of several concurrent requests
-- with one key exactly one INSERT succeeds. lock_owner lets only the request holding the lock store its
-- response after a take-over. Headers are a JSON object of the few replayed headers.

create table idempotency_key (
	app_id           varchar(255)             not null,
	caller           varchar(255)             not null,
	idem_key         varchar(255)             not null,
	fingerprint      varchar(64)              not null,
	state            varchar(16)              not null,
	lock_owner       varchar(36),
	locked_until     timestamp with time zone,
	response_status  integer,
	response_headers varchar(4000),
	response_body    varchar(1000000),
	created_at       timestamp with time zone not null,
	expires_at       timestamp with time zone not null,
	constraint idempotency_key_pk primary key (app_id, caller, idem_key),
	constraint idempotency_key_state_ck check (state in ('in_flight', 'completed'))
);

-- the cleanup deletes expired rows oldest first, in bounded batches
create index idempotency_key_expires_idx on idempotency_key (expires_at);
