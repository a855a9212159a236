/*
 * The plan of one course-session setup (pure C core).
 *
 * Roster: participants are validated, normalised and de-duplicated by email; each
 * (person, bucket) assignment takes a seat. Then the driver (shopsetup_driver.c) moves the plan
 * through its stages, each fed with what the database holds and yielding the rows to write
 * through a row sink of the store.
 */
#ifndef SHOPSETUP_PLAN_H
#define SHOPSETUP_PLAN_H

#include "shopsetup_core.h"
#include "shopsetup_config.h"

/* Moodle's context levels (CONTEXT_SYSTEM, CONTEXT_USER). */
#define SHOPSETUP_CONTEXTLEVEL_SYSTEM 10
#define SHOPSETUP_CONTEXTLEVEL_USER 30

/* The local_shop handler whose products the plan writes. */
#define SHOPSETUP_HANDLER_NAME "std_setuponecoursesession"
/* Its table of side effects still to deliver (db/install.xml of the plugin). */

/* Column limits of Moodle 4.5's user table, in characters. */
#define SHOPSETUP_MAX_NAME 100
#define SHOPSETUP_MAX_EMAIL 100
#define SHOPSETUP_MAX_CITY 120
#define SHOPSETUP_MAX_INSTITUTION 255
#define SHOPSETUP_MAX_PHONE 20

typedef enum {
	SHOPSETUP_FIELD_EMAIL,
	SHOPSETUP_FIELD_FIRSTNAME,
	SHOPSETUP_FIELD_LASTNAME,
	SHOPSETUP_FIELD_CITY,
	SHOPSETUP_FIELD_INSTITUTION,
	SHOPSETUP_FIELD_PHONE2,
	SHOPSETUP_FIELD_COUNT
} shopsetup_field;

extern const char *const shopsetup_field_names[SHOPSETUP_FIELD_COUNT];

typedef enum {
	SHOPSETUP_PERSON_UNRESOLVED = 0,
	SHOPSETUP_PERSON_MATCHED,
	SHOPSETUP_PERSON_SUSPENDED, /* matched, but the account is suspended */
	SHOPSETUP_PERSON_NEW,
} shopsetup_person_status;

typedef struct {
	shopsetup_slice fields[SHOPSETUP_FIELD_COUNT]; /* email normalised, the rest trimmed */
	shopsetup_slice username;                      /* new accounts only */
	shopsetup_slice username_base;                 /* new accounts: username before its suffix */
	int64_t userid;
	int64_t contextid;
	int64_t ueid;
	uint64_t buckets;          /* bit i: assigned in bucket i */
	uint32_t first_bucket;
	shopsetup_person_status status;
} shopsetup_person;

typedef struct {
	uint32_t person;
	uint32_t bucket;
} shopsetup_assignment;

/* A person's buckets are a bit set. */
#define SHOPSETUP_MAX_BUCKETS 64

typedef struct {
	shopsetup_slice name;
	int64_t roleid;
} shopsetup_bucket;

typedef struct {
	shopsetup_slice bucket;
	shopsetup_slice email;      /* as given */
	shopsetup_field field;    /* SHOPSETUP_FIELD_COUNT: the row or bucket itself */
	shopsetup_slice reason;
} shopsetup_row_error;

typedef struct {
	shopsetup_slice email;
	shopsetup_slice message;
	uint32_t person;
	bool same_bucket; /* a repeat inside one bucket; else the person sits in several buckets */
} shopsetup_notice;

typedef enum {
	SHOPSETUP_FACT_INT,
	SHOPSETUP_FACT_STRING,
	SHOPSETUP_FACT_BOOL,
	SHOPSETUP_FACT_IDS,      /* a list of positive ids, into a shopsetup_vec of int64_t */
} shopsetup_fact_type;


/* Facts the plugin resolves with Moodle's APIs before planning. */
typedef struct {
	int64_t courseid, coursecontextid, enrolid;
	int64_t operatorid, operatorcontextid, mnethostid;
	int64_t timestart, timeend, now, modifierid;
	int64_t supervisorroleid, mirrorroleid;
	int64_t crossroleid;  /* the operator's role in the participants' user contexts; 0: supervisorroleid */
	int64_t billitemid, catalogitemid, customerid;
	bool enroloperator, test;
	shopsetup_slice groupidnumber, groupname, groupdescription, transactionid;
	shopsetup_slice lang, country, auth, coursename, handler;
	/* the site's default preferences kept in the user table, as user_create_user() applies them */
	shopsetup_slice calendartype;
	int64_t maildisplay, mailformat, maildigest, autosubscribe, trackforums;
	/* who may be attached to the operator */
	shopsetup_slice superviseexisting;
	shopsetup_vec privilegeduserids;   /* int64_t, sorted once the facts are checked */
	shopsetup_supervise_mode supervise;
	/* mark_user_dirty()'s flags expire after the site's session timeout */
	int64_t sessiontimeout;
	/* the caller's outbox table (no prefix) where Moodle's side effects are recorded; empty: none */
	shopsetup_slice outbox;
	/* recover grade history on enrolment */
	bool recovergrades;
	/*
	 * The ad-hoc task that delivers the outbox, queued with the outbox rows as
	 * \core\task\manager::queue_adhoc_task() writes it: class, component, custom data, attempts.
	 */
	shopsetup_slice deliverytask, deliverycomponent, deliverydata;
	int64_t deliveryattempts;
} shopsetup_facts;

typedef struct {
	const char *name;
	shopsetup_fact_type type;
	size_t offset;
	bool required;
} shopsetup_fact_spec;

extern const shopsetup_fact_spec shopsetup_fact_specs[];
extern const size_t shopsetup_fact_spec_count;

typedef enum {
	SHOPSETUP_STAGE_ROSTER = 0,  /* participants being added */
	SHOPSETUP_STAGE_PLANNED,     /* roster checked: accounts to match */
	SHOPSETUP_STAGE_MATCHED,     /* accounts matched: usernames to assign */
	SHOPSETUP_STAGE_NAMED,       /* usernames assigned: new accounts to insert */
	SHOPSETUP_STAGE_USERS,       /* every participant has a user id */
	SHOPSETUP_STAGE_CHANGED,     /* enrolment changes yielded: ids of the new enrolments to set */
	SHOPSETUP_STAGE_ENROLLED,    /* every enrolment has an id */
} shopsetup_stage;

typedef struct {
	shopsetup_pool strings;     /* every string the plan keeps */
	shopsetup_facts facts;
	shopsetup_vec buckets;      /* shopsetup_bucket */
	shopsetup_vec people;       /* shopsetup_person */
	shopsetup_vec assignments;  /* shopsetup_assignment */
	shopsetup_vec errors;       /* shopsetup_row_error */
	shopsetup_vec notices;      /* shopsetup_notice */
	shopsetup_hash by_email;      /* normalised email -> person */
	shopsetup_hash by_username;   /* new accounts' usernames -> person, once named */
	shopsetup_hash by_userid;     /* user id -> person, once every person has one */
	int64_t operator_ueid;
	int64_t seats;
	shopsetup_stage stage;
	bool accounts_only;         /* a plan of accounts to match and name: it previews, never runs */
} shopsetup_plan;

bool shopsetup_plan_init(shopsetup_plan *plan, size_t expected_people);
void shopsetup_plan_free(shopsetup_plan *plan);
bool shopsetup_plan_store(shopsetup_plan *plan, const char *s, size_t len, shopsetup_slice *out);

/* Moodle's defaults of the optional facts (shopsetup_plan_init applies them). */
void shopsetup_plan_facts_defaults(shopsetup_facts *facts);
/* The spec of the fact called name; SHOPSETUP_E_PLAN_INPUT when there is none. */
shopsetup_status shopsetup_fact_find(shopsetup_slice name, const shopsetup_fact_spec **spec, shopsetup_error *err);
/* given names the type of the value that spec's type does not accept ("string", "array"...). */
shopsetup_status shopsetup_fact_wrong_type(const shopsetup_fact_spec *spec, const char *given, shopsetup_error *err);
/* Setters of the fact slots, by spec; ints must not be negative, ids must be positive. */
shopsetup_status shopsetup_plan_set_int_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, int64_t value, shopsetup_error *err);
shopsetup_status shopsetup_plan_set_string_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, shopsetup_slice value,
	shopsetup_error *err);
void shopsetup_plan_set_bool_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, bool value);
shopsetup_status shopsetup_plan_add_id_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, int64_t id, shopsetup_error *err);
/* Bit i of given: shopsetup_fact_specs[i] was set. */
#define SHOPSETUP_FACT_BIT(spec) (UINT64_C(1) << ((spec) - shopsetup_fact_specs))
/*
 * Every required fact given, the ids positive, the group named, the times in order, superviseexisting
 * known; indexes the privileged users.
 */
shopsetup_status shopsetup_plan_check_facts(shopsetup_plan *plan, uint64_t given, shopsetup_error *err);
/*
 * The facts of an accounts-only plan (the accounts and usernames stages): mnethostid given and
 * positive; marks the plan accounts_only.
 */
shopsetup_status shopsetup_plan_check_account_facts(shopsetup_plan *plan, uint64_t given, shopsetup_error *err);
/*
 * Whether the operator is attached to a person through the cross roles: always to an account the order
 * creates; to an existing account as superviseexisting says (by default only to one that is not privileged).
 */
bool shopsetup_plan_supervises(const shopsetup_plan *plan, const shopsetup_person *person);
/* SHOPSETUP_NO_ASSIGNMENT ends a person's list of assignments. */
#define SHOPSETUP_NO_ASSIGNMENT UINT32_MAX
/*
 * Each person's assignments in the roster's order, as lists: first[p] (people.count entries) is the
 * index in plan->assignments of person p's first one, next[a] (assignments.count entries) the index
 * of the same person's next one.
 */
void shopsetup_plan_assignments_by_person(const shopsetup_plan *plan, uint32_t *first, uint32_t *next);

/* Roster building. */
shopsetup_status shopsetup_roster_add_bucket(shopsetup_plan *plan, shopsetup_slice name, int64_t roleid, uint32_t *index, shopsetup_error *err);
bool shopsetup_roster_find_bucket(const shopsetup_plan *plan, shopsetup_slice name, uint32_t *index);
/* Records a problem with a row or a bucket; the plan will be refused. */
shopsetup_status shopsetup_roster_reject(shopsetup_plan *plan, shopsetup_slice bucket, shopsetup_slice email, shopsetup_field field,
	const char *reason, shopsetup_error *err);
/*
 * fields[SHOPSETUP_FIELD_EMAIL] is the address as typed; when empty, the participant's key in its
 * bucket is. Fields in the rejected mask (1 << field) were already rejected by the caller: the
 * others are still checked, nothing is added.
 */
shopsetup_status shopsetup_roster_add_participant(shopsetup_plan *plan, uint32_t bucket, shopsetup_slice bucket_key,
	const shopsetup_slice fields[SHOPSETUP_FIELD_COUNT], uint32_t rejected, shopsetup_error *err);
/* Refuses the plan when any row was rejected or the seats do not suffice. */
shopsetup_status shopsetup_roster_finish(shopsetup_plan *plan, int64_t seats, shopsetup_error *err);

/* Row sinks: one call per row with its columns, in a fixed order per table. */
typedef enum {
	SHOPSETUP_COL_INT,
	SHOPSETUP_COL_STR,
} shopsetup_col_type;

typedef struct {
	const char *name;
	shopsetup_col_type type;
	int64_t i;
	shopsetup_slice s;
} shopsetup_col;

#define SHOPSETUP_COL_I(n, v) ((shopsetup_col){ (n), SHOPSETUP_COL_INT, (int64_t) (v), { NULL, 0 } })
#define SHOPSETUP_COL_S(n, v) ((shopsetup_col){ (n), SHOPSETUP_COL_STR, 0, (v) })
#define SHOPSETUP_COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* digits of the longest int64_t, -9223372036854775808 */
#define SHOPSETUP_INT_DIGITS_MAX 20

typedef struct {
	/* Returns false to stop; err is then filled by the sink. */
	bool (*row)(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err);
	void *ctx;
} shopsetup_sink;

/* Stage 1. */
typedef struct {
	int64_t id;
	shopsetup_slice email;
	bool suspended;
} shopsetup_account;

typedef struct {
	size_t matched;
	shopsetup_vec suspended;  /* uint32_t person */
	shopsetup_vec ambiguous;  /* shopsetup_ambiguity */
} shopsetup_match_report;

typedef struct {
	uint32_t person;
	shopsetup_vec ids;        /* int64_t */
} shopsetup_ambiguity;

void shopsetup_match_report_free(shopsetup_match_report *report);
shopsetup_status shopsetup_plan_match_accounts(shopsetup_plan *plan, const shopsetup_account *accounts, size_t count,
	shopsetup_match_report *report, shopsetup_error *err);

/* Stage 2: computes the username bases of the people without an account; distinct bases go to prefixes. */
shopsetup_status shopsetup_plan_username_prefixes(shopsetup_plan *plan, shopsetup_vec *prefixes /* shopsetup_slice */, shopsetup_error *err);
shopsetup_status shopsetup_plan_assign_usernames(shopsetup_plan *plan, const shopsetup_slice *taken, size_t count, shopsetup_error *err);
/*
 * Stage 2 again, before any account is written: the usernames assigned anew from their bases
 * given every taken name, e.g. once the database said which assigned names it holds as equal.
 */
shopsetup_status shopsetup_plan_reassign_usernames(shopsetup_plan *plan, const shopsetup_slice *taken, size_t count, shopsetup_error *err);

/* Stage 3. */
shopsetup_status shopsetup_plan_new_user_rows(const shopsetup_plan *plan, const shopsetup_sink *sink, shopsetup_error *err);
shopsetup_status shopsetup_plan_set_user_id(shopsetup_plan *plan, shopsetup_slice username, int64_t id, shopsetup_error *err);
shopsetup_status shopsetup_plan_check_users(shopsetup_plan *plan, shopsetup_error *err);
shopsetup_status shopsetup_plan_new_user_preference_rows(const shopsetup_plan *plan, const shopsetup_sink *sink, shopsetup_error *err);

/* Stage 4. */
typedef struct {
	int64_t id, userid, status, timestart, timeend;
} shopsetup_enrolment;

typedef struct {
	size_t inserted, updated, unchanged;
} shopsetup_change_count;

shopsetup_status shopsetup_plan_enrolment_changes(shopsetup_plan *plan, const shopsetup_enrolment *existing, size_t count,
	const shopsetup_sink *inserts, const shopsetup_sink *updates, shopsetup_change_count *counts, shopsetup_error *err);
shopsetup_status shopsetup_plan_set_enrolment_id(shopsetup_plan *plan, int64_t userid, int64_t ueid, shopsetup_error *err);
shopsetup_status shopsetup_plan_check_enrolments(shopsetup_plan *plan, shopsetup_error *err);

/* Stage 5. */
typedef struct {
	int64_t contextid, roleid, userid;
} shopsetup_role_assignment;

/*
 * User contexts for the participants who have none (their ids are not in existing): SHOPSETUP_CONTEXTLEVEL_USER,
 * depth 2, not locked. The path, /<system context id>/<id>, needs the new id: the writer sets it
 * after the insert, as context_user::instance() does.
 */
shopsetup_status shopsetup_plan_user_context_rows(const shopsetup_plan *plan, const int64_t *existing, size_t count,
	const shopsetup_sink *sink, shopsetup_error *err);
shopsetup_status shopsetup_plan_set_user_context(shopsetup_plan *plan, int64_t userid, int64_t contextid, shopsetup_error *err);
shopsetup_status shopsetup_plan_role_assignment_rows(const shopsetup_plan *plan, const shopsetup_role_assignment *existing,
	size_t count, const shopsetup_sink *sink, shopsetup_error *err);
shopsetup_status shopsetup_plan_group_member_rows(const shopsetup_plan *plan, int64_t groupid, const int64_t *existing,
	size_t count, const shopsetup_sink *sink, shopsetup_error *err);
shopsetup_status shopsetup_plan_group_row(const shopsetup_plan *plan, const shopsetup_sink *sink, shopsetup_error *err);

/* Stage 6. */
typedef struct {
	shopsetup_slice reference;
	int64_t id;
} shopsetup_product_ref;

shopsetup_status shopsetup_plan_product_rows(const shopsetup_plan *plan, const shopsetup_slice *existing, size_t count,
	const shopsetup_sink *sink, shopsetup_error *err);
shopsetup_status shopsetup_plan_product_event_rows(const shopsetup_plan *plan, const shopsetup_product_ref *products,
	size_t count, const shopsetup_sink *sink, shopsetup_error *err);

/* The user ids the setup touches, participants first, then the operator when not among them. */
size_t shopsetup_plan_user_ids(const shopsetup_plan *plan, int64_t *out /* people.count + 1 */);
/* The same, without the operator unless the operator is enrolled. */
size_t shopsetup_plan_enrolees(const shopsetup_plan *plan, int64_t *out /* people.count + 1 */);
bool shopsetup_plan_has_enrolment_id(const shopsetup_plan *plan, int64_t userid);

#endif
