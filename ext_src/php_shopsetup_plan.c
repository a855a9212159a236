/* Zend glue of ShopSetup\Plan: PHP values in, core calls, PHP arrays out. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_shopsetup_errors.h"
#include "php_shopsetup_plan.h"
#include "php_shopsetup_rows.h"
#include "php_shopsetup_store.h"

/* A ShopSetup\Plan object: the core plan plus Zend's object header. */
typedef struct {
	shopsetup_plan plan;
	bool initialised; /* plan holds memory to free */
	bool ready;       /* the constructor succeeded */
	zend_object std;
} php_shopsetup_plan_object;

zend_class_entry *php_shopsetup_plan_ce;
static zend_object_handlers php_shopsetup_plan_handlers;

/* The participant field names, interned once so that each lookup reuses their hash. */
static zend_string *php_shopsetup_field_keys[SHOPSETUP_FIELD_COUNT];

static php_shopsetup_plan_object *php_shopsetup_plan_from(zend_object *obj)
{
	return (php_shopsetup_plan_object *) ((char *) obj - XtOffsetOf(php_shopsetup_plan_object, std));
}

shopsetup_plan *php_shopsetup_plan_get(zval *object)
{
	php_shopsetup_plan_object *intern = php_shopsetup_plan_from(Z_OBJ_P(object));
	if (!intern->ready) {
		zend_throw_exception(php_shopsetup_plan_exception_ce, "The plan was not constructed", SHOPSETUP_E_PLAN_STATE);
		return NULL;
	}
	return &intern->plan;
}

static zend_object *php_shopsetup_plan_create(zend_class_entry *ce)
{
	php_shopsetup_plan_object *intern = zend_object_alloc(sizeof(php_shopsetup_plan_object), ce);
	zend_object_std_init(&intern->std, ce);
	object_properties_init(&intern->std, ce);
	intern->std.handlers = &php_shopsetup_plan_handlers;
	return &intern->std;
}

static void php_shopsetup_plan_free(zend_object *obj)
{
	php_shopsetup_plan_object *intern = php_shopsetup_plan_from(obj);
	if (intern->initialised) {
		shopsetup_plan_free(&intern->plan);
	}
	zend_object_std_dtor(obj);
}

void php_shopsetup_plan_minit(zend_class_entry *ce)
{
	php_shopsetup_plan_ce = ce;
	php_shopsetup_plan_ce->create_object = php_shopsetup_plan_create;
	memcpy(&php_shopsetup_plan_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	php_shopsetup_plan_handlers.offset = XtOffsetOf(php_shopsetup_plan_object, std);
	php_shopsetup_plan_handlers.free_obj = php_shopsetup_plan_free;
	php_shopsetup_plan_handlers.clone_obj = NULL;
	for (int f = 0; f < SHOPSETUP_FIELD_COUNT; f++) {
		php_shopsetup_field_keys[f] = zend_string_init_interned(shopsetup_field_names[f], strlen(shopsetup_field_names[f]), 1);
	}
}

/* ---- construction ---- */

/* One fact into its typed slot; the core checks the value. */
static shopsetup_status php_shopsetup_plan_fact(shopsetup_plan *plan, const shopsetup_fact_spec *spec, zval *value, shopsetup_error *err)
{
	int64_t number;
	ZVAL_DEREF(value);
	switch (spec->type) {
		case SHOPSETUP_FACT_INT:
			if (php_shopsetup_zval_int(value, &number)) {
				return shopsetup_plan_set_int_fact(plan, spec, number, err);
			}
			break;
		case SHOPSETUP_FACT_BOOL:
			if (Z_TYPE_P(value) == IS_TRUE || Z_TYPE_P(value) == IS_FALSE) {
				shopsetup_plan_set_bool_fact(plan, spec, Z_TYPE_P(value) == IS_TRUE);
				return SHOPSETUP_OK;
			}
			break;
		case SHOPSETUP_FACT_IDS:
			if (Z_TYPE_P(value) == IS_ARRAY) {
				zval *item;
				ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(value), item) {
					shopsetup_status status = php_shopsetup_zval_int(item, &number)
						? shopsetup_plan_add_id_fact(plan, spec, number, err) : shopsetup_fact_wrong_type(spec, "array", err);
					if (status != SHOPSETUP_OK) {
						return status;
					}
				} ZEND_HASH_FOREACH_END();
				return SHOPSETUP_OK;
			}
			break;
		case SHOPSETUP_FACT_STRING:
			if (Z_TYPE_P(value) == IS_STRING) {
				return shopsetup_plan_set_string_fact(plan, spec, php_shopsetup_slice(Z_STR_P(value)), err);
			}
			break;
	}
	return shopsetup_fact_wrong_type(spec, zend_zval_type_name(value), err);
}

typedef shopsetup_status (*php_shopsetup_facts_check)(shopsetup_plan *plan, uint64_t given, shopsetup_error *err);

static shopsetup_status php_shopsetup_plan_facts(shopsetup_plan *plan, HashTable *facts, php_shopsetup_facts_check check,
	shopsetup_error *err)
{
	uint64_t given = 0;
	zend_string *key;
	zval *value;
	ZEND_HASH_FOREACH_STR_KEY_VAL(facts, key, value) {
		const shopsetup_fact_spec *spec;
		shopsetup_status status = shopsetup_fact_find(key ? php_shopsetup_slice(key) : SHOPSETUP_SLICE("(integer key)"), &spec, err);
		if (status == SHOPSETUP_OK) {
			status = php_shopsetup_plan_fact(plan, spec, value, err);
		}
		if (status != SHOPSETUP_OK) {
			return status;
		}
		given |= SHOPSETUP_FACT_BIT(spec);
	} ZEND_HASH_FOREACH_END();
	return check(plan, given, err);
}

/* Reads one participant field; false with *reason when it is not a scalar. */
static bool php_shopsetup_participant_field(HashTable *row, shopsetup_field field, shopsetup_slice *out, zend_string **tmp)
{
	zval *value = zend_hash_find_ind(row, php_shopsetup_field_keys[field]);
	if (value != NULL) {
		ZVAL_DEREF(value);
	}
	*out = (shopsetup_slice){ "", 0 };
	*tmp = NULL;
	if (value == NULL || Z_TYPE_P(value) == IS_NULL) {
		return true;
	}
	if (Z_TYPE_P(value) == IS_STRING) {
		*out = php_shopsetup_slice(Z_STR_P(value));
		return true;
	}
	if (Z_TYPE_P(value) == IS_LONG || Z_TYPE_P(value) == IS_DOUBLE) {
		*tmp = zval_get_string(value);
		*out = php_shopsetup_slice(*tmp);
		return true;
	}
	return false;
}

static shopsetup_status php_shopsetup_plan_bucket(shopsetup_plan *plan, zend_string *bucket_name, zval *participants, shopsetup_error *err)
{
	shopsetup_slice bucket_slice = php_shopsetup_slice(bucket_name);
	uint32_t bucket;
	ZVAL_DEREF(participants);
	if (!shopsetup_roster_find_bucket(plan, bucket_slice, &bucket)) {
		return shopsetup_roster_reject(plan, bucket_slice, SHOPSETUP_SLICE(""), SHOPSETUP_FIELD_COUNT,
			"bucket has no role: it is missing from the bucket roles", err);
	}
	HashTable *list = php_shopsetup_row_table(participants);
	if (list == NULL) {
		return shopsetup_roster_reject(plan, bucket_slice, SHOPSETUP_SLICE(""), SHOPSETUP_FIELD_COUNT,
			"bucket must map emails to participants", err);
	}
	zend_string *key;
	zval *participant;
	shopsetup_status status = SHOPSETUP_OK;
	ZEND_HASH_FOREACH_STR_KEY_VAL_IND(list, key, participant) {
		HashTable *row = php_shopsetup_row_table(participant);
		shopsetup_slice key_email = key ? php_shopsetup_slice(key) : SHOPSETUP_SLICE("");
		if (row == NULL) {
			status = shopsetup_roster_reject(plan, bucket_slice, key_email, SHOPSETUP_FIELD_COUNT,
				"participant must be an array or an object", err);
			if (status != SHOPSETUP_OK) {
				return status;
			}
			continue;
		}
		shopsetup_slice fields[SHOPSETUP_FIELD_COUNT];
		zend_string *tmp[SHOPSETUP_FIELD_COUNT] = { NULL };
		uint32_t rejected = 0;
		for (int f = 0; f < SHOPSETUP_FIELD_COUNT && status == SHOPSETUP_OK; f++) {
			if (!php_shopsetup_participant_field(row, (shopsetup_field) f, &fields[f], &tmp[f])) {
				rejected |= 1u << f;
				status = shopsetup_roster_reject(plan, bucket_slice, key_email, (shopsetup_field) f, "must be a string", err);
			}
		}
		if (status == SHOPSETUP_OK) {
			status = shopsetup_roster_add_participant(plan, bucket, key_email, fields, rejected, err);
		}
		for (int f = 0; f < SHOPSETUP_FIELD_COUNT; f++) {
			if (tmp[f]) {
				zend_string_release(tmp[f]);
			}
		}
		if (status != SHOPSETUP_OK) {
			return status;
		}
	} ZEND_HASH_FOREACH_END();
	return status;
}

static void php_shopsetup_throw_roster(const shopsetup_plan *plan, const shopsetup_error *err)
{
	php_shopsetup_throw(err);
	if (!EG(exception) || !instanceof_function(EG(exception)->ce, php_shopsetup_roster_exception_ce)) {
		return;
	}
	zval errors;
	array_init_size(&errors, (uint32_t) plan->errors.count);
	for (size_t i = 0; i < plan->errors.count; i++) {
		const shopsetup_row_error *row = SHOPSETUP_VEC_AT(&plan->errors, shopsetup_row_error, i);
		zval entry;
		array_init_size(&entry, 4);
		add_assoc_stringl(&entry, "bucket", row->bucket.ptr, row->bucket.len);
		add_assoc_stringl(&entry, "email", row->email.ptr, row->email.len);
		add_assoc_string(&entry, "field", row->field == SHOPSETUP_FIELD_COUNT ? "" : (char *) shopsetup_field_names[row->field]);
		add_assoc_stringl(&entry, "reason", row->reason.ptr, row->reason.len);
		add_next_index_zval(&errors, &entry);
	}
	zend_update_property(php_shopsetup_roster_exception_ce, EG(exception), "errors", sizeof("errors") - 1, &errors);
	zval_ptr_dtor(&errors);
}

/* The buckets with their roles, then their participants and the seats; false with an exception. */
static bool php_shopsetup_plan_roster(shopsetup_plan *plan, HashTable *buckets, HashTable *bucket_roles, int64_t seats)
{
	shopsetup_error err = { 0 };
	shopsetup_status status;
	zend_string *name;
	zval *roleid;
	ZEND_HASH_FOREACH_STR_KEY_VAL(bucket_roles, name, roleid) {
		int64_t id;
		uint32_t index;
		if (name == NULL || !php_shopsetup_zval_int(roleid, &id)) {
			zend_argument_type_error(3, "must map bucket names to role ids");
			return false;
		}
		if ((status = shopsetup_roster_add_bucket(plan, php_shopsetup_slice(name), id, &index, &err)) != SHOPSETUP_OK) {
			php_shopsetup_throw_status(status, &err);
			return false;
		}
	} ZEND_HASH_FOREACH_END();

	zval *participants;
	ZEND_HASH_FOREACH_STR_KEY_VAL(buckets, name, participants) {
		if (name == NULL) {
			zend_argument_type_error(1, "must map bucket names to participants");
			return false;
		}
		if ((status = php_shopsetup_plan_bucket(plan, name, participants, &err)) != SHOPSETUP_OK) {
			php_shopsetup_throw_status(status, &err);
			return false;
		}
	} ZEND_HASH_FOREACH_END();

	if ((status = shopsetup_roster_finish(plan, seats, &err)) != SHOPSETUP_OK) {
		php_shopsetup_throw_roster(plan, &err);
		return false;
	}
	return true;
}

/* Initialises an object's plan from its facts and buckets; false with an exception. */
static bool php_shopsetup_plan_build(php_shopsetup_plan_object *intern, HashTable *buckets, int64_t seats, HashTable *bucket_roles,
	HashTable *facts, php_shopsetup_facts_check check)
{
	shopsetup_plan *plan = &intern->plan;
	size_t expected = 0;
	zval *bucket;
	ZEND_HASH_FOREACH_VAL(buckets, bucket) {
		HashTable *list = php_shopsetup_row_table(bucket);
		expected += list ? zend_hash_num_elements(list) : 0;
	} ZEND_HASH_FOREACH_END();
	if (!shopsetup_plan_init(plan, expected)) {
		shopsetup_plan_free(plan);
		zend_throw_exception(php_shopsetup_exception_ce, "out of memory", SHOPSETUP_E_NOMEM);
		return false;
	}
	intern->initialised = true;
	shopsetup_error err = { 0 };
	shopsetup_status status = php_shopsetup_plan_facts(plan, facts, check, &err);
	if (status != SHOPSETUP_OK) {
		php_shopsetup_throw_status(status, &err);
		return false;
	}
	if (!php_shopsetup_plan_roster(plan, buckets, bucket_roles, seats)) {
		return false;
	}
	intern->ready = true;
	return true;
}

ZEND_METHOD(ShopSetup_Plan, __construct)
{
	HashTable *buckets, *bucket_roles, *facts;
	zend_long seats;
	ZEND_PARSE_PARAMETERS_START(4, 4)
		Z_PARAM_ARRAY_HT(buckets)
		Z_PARAM_LONG(seats)
		Z_PARAM_ARRAY_HT(bucket_roles)
		Z_PARAM_ARRAY_HT(facts)
	ZEND_PARSE_PARAMETERS_END();

	php_shopsetup_plan_object *intern = php_shopsetup_plan_from(Z_OBJ_P(ZEND_THIS));
	if (intern->initialised) {
		zend_throw_error(NULL, "Cannot call ShopSetup\\Plan::__construct() twice");
		RETURN_THROWS();
	}
	if (!php_shopsetup_plan_build(intern, buckets, (int64_t) seats, bucket_roles, facts, shopsetup_plan_check_facts)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(ShopSetup_Plan, accounts)
{
	HashTable *people, *facts;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_ARRAY_HT(people)
		Z_PARAM_ARRAY_HT(facts)
	ZEND_PARSE_PARAMETERS_END();

	/* One bucket of its own; its role is never written: the plan cannot run. */
	zval bucket, role;
	HashTable buckets, bucket_roles;
	zend_hash_init(&buckets, 1, NULL, NULL, 0);
	zend_hash_init(&bucket_roles, 1, NULL, NULL, 0);
	ZVAL_ARR(&bucket, people);
	ZVAL_LONG(&role, 1);
	zend_hash_str_add_new(&buckets, "accounts", sizeof("accounts") - 1, &bucket);
	zend_hash_str_add_new(&bucket_roles, "accounts", sizeof("accounts") - 1, &role);
	object_init_ex(return_value, php_shopsetup_plan_ce);
	bool built = php_shopsetup_plan_build(php_shopsetup_plan_from(Z_OBJ_P(return_value)), &buckets,
		(int64_t) zend_hash_num_elements(people), &bucket_roles, facts, shopsetup_plan_check_account_facts);
	zend_hash_destroy(&buckets);
	zend_hash_destroy(&bucket_roles);
	if (!built) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		RETURN_THROWS();
	}
}

#define PHP_SHOPSETUP_PLAN_OR_THROW(plan) \
	shopsetup_plan *plan = php_shopsetup_plan_get(ZEND_THIS); \
	if (plan == NULL) { \
		RETURN_THROWS(); \
	}

/* ---- roster views ---- */

static void php_shopsetup_add_person_status(zval *entry, const shopsetup_person *person)
{
	static const char *const names[] = { "unresolved", "matched", "suspended", "created" };
	add_assoc_string(entry, "status", (char *) names[person->status]);
}

ZEND_METHOD(ShopSetup_Plan, emails)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_PLAN_OR_THROW(plan);
	array_init_size(return_value, (uint32_t) plan->people.count);
	for (size_t p = 0; p < plan->people.count; p++) {
		shopsetup_slice email = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p)->fields[SHOPSETUP_FIELD_EMAIL];
		add_next_index_stringl(return_value, email.ptr, email.len);
	}
}

/* Each person's assignments (the core's lists), for people() and notices(); freed with efree(). */
static uint32_t *php_shopsetup_assignment_lists(const shopsetup_plan *plan, uint32_t **next)
{
	uint32_t *first = safe_emalloc(plan->people.count + 1, sizeof(uint32_t), 0);
	*next = safe_emalloc(plan->assignments.count + 1, sizeof(uint32_t), 0);
	shopsetup_plan_assignments_by_person(plan, first, *next);
	return first;
}

/* A person's buckets (names, or role ids), in the roster's order. */
static void php_shopsetup_person_buckets(const shopsetup_plan *plan, uint32_t first, const uint32_t *next, bool roleids, zval *out)
{
	array_init(out);
	for (uint32_t a = first; a != SHOPSETUP_NO_ASSIGNMENT; a = next[a]) {
		const shopsetup_bucket *bucket = SHOPSETUP_VEC_AT(&plan->buckets, shopsetup_bucket,
			SHOPSETUP_VEC_AT(&plan->assignments, shopsetup_assignment, a)->bucket);
		if (roleids) {
			add_next_index_long(out, (zend_long) bucket->roleid);
		} else {
			add_next_index_stringl(out, bucket->name.ptr, bucket->name.len);
		}
	}
}

ZEND_METHOD(ShopSetup_Plan, people)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_PLAN_OR_THROW(plan);

	uint32_t *next, *first = php_shopsetup_assignment_lists(plan, &next);
	array_init_size(return_value, (uint32_t) plan->people.count);
	for (size_t p = 0; p < plan->people.count; p++) {
		const shopsetup_person *person = SHOPSETUP_VEC_AT(&plan->people, shopsetup_person, p);
		zval entry, buckets, roleids;
		array_init(&entry);
		for (int f = 0; f < SHOPSETUP_FIELD_COUNT; f++) {
			add_assoc_stringl(&entry, shopsetup_field_names[f], person->fields[f].ptr, person->fields[f].len);
		}
		php_shopsetup_person_buckets(plan, first[p], next, false, &buckets);
		php_shopsetup_person_buckets(plan, first[p], next, true, &roleids);
		add_assoc_zval(&entry, "buckets", &buckets);
		add_assoc_zval(&entry, "roleids", &roleids);
		if (person->userid > 0) {
			add_assoc_long(&entry, "userid", (zend_long) person->userid);
		} else {
			add_assoc_null(&entry, "userid");
		}
		if (person->status == SHOPSETUP_PERSON_NEW && plan->stage >= SHOPSETUP_STAGE_NAMED) {
			add_assoc_stringl(&entry, "username", person->username.ptr, person->username.len);
		} else {
			add_assoc_null(&entry, "username");
		}
		php_shopsetup_add_person_status(&entry, person);
		if (person->status == SHOPSETUP_PERSON_UNRESOLVED) {
			add_assoc_null(&entry, "supervised");
		} else {
			add_assoc_bool(&entry, "supervised", shopsetup_plan_supervises(plan, person));
		}
		add_next_index_zval(return_value, &entry);
	}
	efree(first);
	efree(next);
}

ZEND_METHOD(ShopSetup_Plan, notices)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_PLAN_OR_THROW(plan);

	uint32_t *next, *first = php_shopsetup_assignment_lists(plan, &next);
	array_init_size(return_value, (uint32_t) plan->notices.count);
	for (size_t n = 0; n < plan->notices.count; n++) {
		const shopsetup_notice *notice = SHOPSETUP_VEC_AT(&plan->notices, shopsetup_notice, n);
		zval entry, buckets;
		array_init(&entry);
		php_shopsetup_person_buckets(plan, first[notice->person], next, false, &buckets);
		add_assoc_stringl(&entry, "email", notice->email.ptr, notice->email.len);
		add_assoc_zval(&entry, "buckets", &buckets);
		add_assoc_string(&entry, "kind", notice->same_bucket ? "repeat" : "several_buckets");
		add_assoc_stringl(&entry, "message", notice->message.ptr, notice->message.len);
		add_next_index_zval(return_value, &entry);
	}
	efree(first);
	efree(next);
}

ZEND_METHOD(ShopSetup_Plan, seatsUsed)
{
	ZEND_PARSE_PARAMETERS_NONE();
	PHP_SHOPSETUP_PLAN_OR_THROW(plan);
	RETURN_LONG((zend_long) plan->assignments.count);
}

/* ---- the run, over a store of the caller's ---- */

ZEND_METHOD(ShopSetup_Plan, run)
{
	zval *store_zv;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(store_zv, php_shopsetup_store_ce)
	ZEND_PARSE_PARAMETERS_END();
	PHP_SHOPSETUP_PLAN_OR_THROW(plan);
	php_shopsetup_store wrapper, *php_store;
	shopsetup_store store;
	if (!php_shopsetup_store_of(Z_OBJ_P(store_zv), &wrapper, &store, &php_store)) {
		RETURN_THROWS();
	}
	php_shopsetup_run(store, php_store, plan, return_value);
}

ZEND_METHOD(ShopSetup_Plan, preview)
{
	zval *store_zv;
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(store_zv, php_shopsetup_store_ce)
	ZEND_PARSE_PARAMETERS_END();
	PHP_SHOPSETUP_PLAN_OR_THROW(plan);
	php_shopsetup_store wrapper, *php_store;
	shopsetup_store store;
	if (!php_shopsetup_store_of(Z_OBJ_P(store_zv), &wrapper, &store, &php_store)) {
		RETURN_THROWS();
	}
	php_shopsetup_preview(store, php_store, plan, return_value);
}
