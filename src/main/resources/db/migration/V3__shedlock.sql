-- ShedLock's lock table: one row per scheduled job; the reconciler runs on one replica at a time.
create table shedlock (
	name       varchar(64)  not null,
	lock_until timestamp    not null,
	locked_at  timestamp    not null,
	locked_by  varchar(255) not null,
	constraint shedlock_pk primary key (name)
);
