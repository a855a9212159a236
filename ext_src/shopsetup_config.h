/* The handler's configuration: its keys with their defaults, enrolment times and warnings. */
#ifndef SHOPSETUP_CONFIG_H
#define SHOPSETUP_CONFIG_H

#include "shopsetup_core.h"
#include "shopsetup_params.h"

/* What the handler needs to know about its environment to interpret the keys. */
typedef struct {
	int64_t now;
	int64_t course_start;   /* course startdate, 0 when none */
	bool renewable;
	shopsetup_slice order_ref;      /* the reference the shop shows the customer */
	shopsetup_slice course_name;    /* course shortname, for the group name pattern */
	shopsetup_slice delegation_role; /* the delegation block's owner role (its corole) when installed, else empty */
} shopsetup_config_context;

/* Which existing accounts the operator is attached to (superviseexisting); new accounts always are. */
typedef enum {
	SHOPSETUP_SUPERVISE_UNPRIVILEGED = 0, /* those over which attaching gives no power over a privileged person */
	SHOPSETUP_SUPERVISE_NONE,
	SHOPSETUP_SUPERVISE_ALL,
} shopsetup_supervise_mode;

/* "unprivileged", "none" or "all"; false for anything else. */
bool shopsetup_supervise_mode_parse(shopsetup_slice name, shopsetup_supervise_mode *mode);

typedef struct {
	shopsetup_slice coursename;
	shopsetup_slice supervisor;
	bool has_customersupport;
	shopsetup_slice customersupport;
	int64_t starttime;
	int64_t endtime;          /* 0: no end */
	int64_t duration_days;    /* -1: not given */
	bool autoenrolsupervisor;
	shopsetup_vec requiredroles; /* shopsetup_slice, bucket names ("supervisor" becomes "_supervisor") */
	shopsetup_slice tutorrole;
	shopsetup_slice mirrorrole;  /* empty: no mirror role */
	shopsetup_slice crossrole;   /* the operator's role in each participant's user context */
	shopsetup_slice superviseexisting; /* validated; "unprivileged" by default */
	shopsetup_buf groupname;     /* pattern expanded */
	shopsetup_vec warnings;      /* char * */
	shopsetup_buf requiredroles_store;
} shopsetup_config;

shopsetup_status shopsetup_config_build(const shopsetup_params *params, const shopsetup_config_context *ctx,
	shopsetup_config *config, shopsetup_error *err);
void shopsetup_config_free(shopsetup_config *config);

#endif
