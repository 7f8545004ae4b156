-- Portable subset of SQL: this file must run unchanged on H2 2.x and PostgreSQL 15.
-- vendor_event: every RtcMPUEventSub event received (callback) or read back (ListRtcMPUEventSubRecord), persisted
-- before it is applied; msg_id is the vendor's delivery id, so a duplicate delivery cannot be stored twice.
-- status: PENDING (not applied yet), APPLIED (applied or noted in the task's history), UNMATCHED (no task).
-- dst_url and body are redacted before they are stored.
create table vendor_event (
	msg_id        varchar(128)             not null,
	app_id        varchar(64)              not null,
	sub_id        varchar(128),
	task_id       varchar(128),
	event_type    integer                  not null,
	event_code    integer                  not null,
	error_code    integer                  not null,
	error_message varchar(1024),
	dst_url       varchar(2048),
	event_at      timestamp with time zone not null,
	callback_at   timestamp with time zone,
	received_at   timestamp with time zone not null,
	source        varchar(16)              not null,
	status        varchar(16)              not null,
	note          varchar(1024),
	settled_at    timestamp with time zone,
	body          varchar(8192),
	constraint vendor_event_pk primary key (msg_id)
);

create index vendor_event_status_idx on vendor_event (status, received_at);
create index vendor_event_app_idx on vendor_event (app_id, status, received_at);

-- where the reconciler stopped reading an app's delivery records (ListRtcMPUEventSubRecord)
create table vendor_event_cursor (
	app_id     varchar(64)              not null,
	read_until timestamp with time zone not null,
	constraint vendor_event_cursor_pk primary key (app_id)
);

-- the CDN check of a task's relayed stream (DescribeLiveStreamsOnlineList): online since, last checked;
-- offline_reported: the offline past the grace is in the task's history already
create table relay_check (
	app_id           varchar(64)              not null,
	task_id          varchar(55)              not null,
	online           boolean                  not null,
	checked_at       timestamp with time zone not null,
	since            timestamp with time zone not null,
	offline_reported boolean default false    not null,
	constraint relay_check_pk primary key (app_id, task_id)
);
