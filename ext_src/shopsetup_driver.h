/*
 * The setup driver (pure C core): runs a plan's stages in order over a store, in one transaction,
 * and reports what changed in one shape, whatever the database.
 */
#ifndef SHOPSETUP_DRIVER_H
#define SHOPSETUP_DRIVER_H

#include "shopsetup_core.h"
#include "shopsetup_plan.h"
#include "shopsetup_store.h"

typedef struct {
	int64_t userid, id;
} shopsetup_id_pair;

/* The kinds of effect the outbox records, one per side effect of an imitated Moodle API (ShopSetup\Effect). */
#define SHOPSETUP_EFFECT_CACHES "caches"
#define SHOPSETUP_EFFECT_USER_CREATED "user_created"
#define SHOPSETUP_EFFECT_GROUP_CREATED "group_created"
#define SHOPSETUP_EFFECT_USER_ENROLMENT_CREATED "user_enrolment_created"
#define SHOPSETUP_EFFECT_USER_ENROLMENT_UPDATED "user_enrolment_updated"
#define SHOPSETUP_EFFECT_ROLE_ASSIGNED "role_assigned"
#define SHOPSETUP_EFFECT_GRADES_RECOVERED "grades_recovered"
#define SHOPSETUP_EFFECT_GROUP_MEMBER_ADDED "group_member_added"

/* What a run changed, so that the caller fires one event per real change. */
typedef struct {
	shopsetup_match_report match;
	shopsetup_vec users_created;       /* uint32_t person */
	shopsetup_vec contexts_created;    /* shopsetup_id_pair userid -> context id */
	int64_t groupid;
	bool group_created;
	shopsetup_vec enrolments_created;  /* shopsetup_id_pair userid -> user_enrolments id */
	shopsetup_vec enrolments_updated;  /* shopsetup_id_pair */
	size_t enrolments_unchanged;
	shopsetup_vec roles_added;         /* shopsetup_id_pair userid -> role_assignments id */
	shopsetup_vec members_added;       /* int64_t userid */
	shopsetup_vec products_added;      /* shopsetup_id_pair (userid, product id) */
	shopsetup_vec dirty_users;         /* int64_t: users whose access data changed, flagged as mark_user_dirty() does */
	size_t effects;                    /* rows added to the outbox */
	size_t statements;
	const char *cluster;               /* the store's cluster ("galera"), or NULL */
	const char *tables[16];            /* the tables rows were written to (the outbox's name is the plan's) */
	size_t ntables;
} shopsetup_run_report;

void shopsetup_run_report_init(shopsetup_run_report *report);
void shopsetup_run_report_free(shopsetup_run_report *report);

/*
 * Called with the complete report just before COMMIT: whatever the caller makes of the report and
 * whatever may fail doing it happens while an error still rolls everything back.
 */
typedef struct {
	shopsetup_status (*fn)(void *ctx, const shopsetup_plan *plan, const shopsetup_run_report *report, shopsetup_error *err);
	void *ctx;
} shopsetup_before_commit;

/*
 * Runs every stage of a freshly built plan under the store's lock, in one transaction; rolls back
 * and reports on any error. After COMMIT only infallible work remains (the lock's release, frees).
 */
shopsetup_status shopsetup_driver_run(shopsetup_store store, shopsetup_plan *plan, shopsetup_run_report *report,
	shopsetup_before_commit before_commit, shopsetup_error *err);

/* The first stages without writing: accounts matched and usernames assigned. The plan cannot run after. */
shopsetup_status shopsetup_driver_preview(shopsetup_store store, shopsetup_plan *plan, shopsetup_match_report *match,
	shopsetup_error *err);

#endif
