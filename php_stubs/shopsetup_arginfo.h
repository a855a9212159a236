/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 4fe49481620dc664b1abecfea2200a27a6e50f2b */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ShopSetup_decode_params, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ShopSetup_handler_config, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, params, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, context, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ShopSetup_validate_email, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, email, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ShopSetup_normalize_email, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, email, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_ShopSetup_make_usernames, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, people, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, taken, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_RosterException_getErrors, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_DatabaseException_isRetriable, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Store_lock, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Store_unlock arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_Store_begin arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_Store_commit arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_Store_rollback arginfo_class_ShopSetup_Store_lock

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_TYPE_MASK_EX(arginfo_class_ShopSetup_Store_find, 0, 6, Traversable, MAY_BE_ARRAY)
	ZEND_ARG_TYPE_INFO(0, table, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, columns, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, conditions, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, keyColumn, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, match, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, keys, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Store_findKeys, 0, 4, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, table, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, conditions, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, keyColumn, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, keys, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Store_insert, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, table, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, rows, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Store_update arginfo_class_ShopSetup_Store_insert

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Store_statements, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShopSetup_Plan___construct, 0, 0, 4)
	ZEND_ARG_TYPE_INFO(0, buckets, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, seats, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, bucketRoles, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, facts, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_ShopSetup_Plan_accounts, 0, 2, ShopSetup\\Plan, 0)
	ZEND_ARG_TYPE_INFO(0, people, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, facts, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Plan_emails arginfo_class_ShopSetup_RosterException_getErrors

#define arginfo_class_ShopSetup_Plan_people arginfo_class_ShopSetup_RosterException_getErrors

#define arginfo_class_ShopSetup_Plan_notices arginfo_class_ShopSetup_RosterException_getErrors

#define arginfo_class_ShopSetup_Plan_seatsUsed arginfo_class_ShopSetup_Store_statements

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_run, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, store, ShopSetup\\Store, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Plan_preview arginfo_class_ShopSetup_Plan_run

#define arginfo_class_ShopSetup_NativeConnection_lock arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_NativeConnection_unlock arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_NativeConnection_begin arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_NativeConnection_commit arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_NativeConnection_rollback arginfo_class_ShopSetup_Store_lock

#define arginfo_class_ShopSetup_NativeConnection_find arginfo_class_ShopSetup_Store_find

#define arginfo_class_ShopSetup_NativeConnection_findKeys arginfo_class_ShopSetup_Store_findKeys

#define arginfo_class_ShopSetup_NativeConnection_insert arginfo_class_ShopSetup_Store_insert

#define arginfo_class_ShopSetup_NativeConnection_update arginfo_class_ShopSetup_Store_insert

#define arginfo_class_ShopSetup_NativeConnection_statements arginfo_class_ShopSetup_Store_statements

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_NativeConnection_serverInfo, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_NativeConnection_connectionId arginfo_class_ShopSetup_Store_statements

#define arginfo_class_ShopSetup_NativeConnection_close arginfo_class_ShopSetup_Store_lock

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShopSetup_MysqlConnection___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#if defined(HAVE_SHOPSETUP_PGSQL)
ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShopSetup_PgsqlConnection___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()
#endif


ZEND_FUNCTION(ShopSetup_decode_params);
ZEND_FUNCTION(ShopSetup_handler_config);
ZEND_FUNCTION(ShopSetup_validate_email);
ZEND_FUNCTION(ShopSetup_normalize_email);
ZEND_FUNCTION(ShopSetup_make_usernames);
ZEND_METHOD(ShopSetup_RosterException, getErrors);
ZEND_METHOD(ShopSetup_DatabaseException, isRetriable);
ZEND_METHOD(ShopSetup_Plan, __construct);
ZEND_METHOD(ShopSetup_Plan, accounts);
ZEND_METHOD(ShopSetup_Plan, emails);
ZEND_METHOD(ShopSetup_Plan, people);
ZEND_METHOD(ShopSetup_Plan, notices);
ZEND_METHOD(ShopSetup_Plan, seatsUsed);
ZEND_METHOD(ShopSetup_Plan, run);
ZEND_METHOD(ShopSetup_Plan, preview);
ZEND_METHOD(ShopSetup_NativeConnection, lock);
ZEND_METHOD(ShopSetup_NativeConnection, unlock);
ZEND_METHOD(ShopSetup_NativeConnection, begin);
ZEND_METHOD(ShopSetup_NativeConnection, commit);
ZEND_METHOD(ShopSetup_NativeConnection, rollback);
ZEND_METHOD(ShopSetup_NativeConnection, find);
ZEND_METHOD(ShopSetup_NativeConnection, findKeys);
ZEND_METHOD(ShopSetup_NativeConnection, insert);
ZEND_METHOD(ShopSetup_NativeConnection, update);
ZEND_METHOD(ShopSetup_NativeConnection, statements);
ZEND_METHOD(ShopSetup_NativeConnection, serverInfo);
ZEND_METHOD(ShopSetup_NativeConnection, connectionId);
ZEND_METHOD(ShopSetup_NativeConnection, close);
ZEND_METHOD(ShopSetup_MysqlConnection, __construct);
#if defined(HAVE_SHOPSETUP_PGSQL)
ZEND_METHOD(ShopSetup_PgsqlConnection, __construct);
#endif


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("ShopSetup", decode_params, ShopSetup_decode_params, arginfo_ShopSetup_decode_params)
	ZEND_NS_FALIAS("ShopSetup", handler_config, ShopSetup_handler_config, arginfo_ShopSetup_handler_config)
	ZEND_NS_FALIAS("ShopSetup", validate_email, ShopSetup_validate_email, arginfo_ShopSetup_validate_email)
	ZEND_NS_FALIAS("ShopSetup", normalize_email, ShopSetup_normalize_email, arginfo_ShopSetup_normalize_email)
	ZEND_NS_FALIAS("ShopSetup", make_usernames, ShopSetup_make_usernames, arginfo_ShopSetup_make_usernames)
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_ParamsException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_RosterException_methods[] = {
	ZEND_ME(ShopSetup_RosterException, getErrors, arginfo_class_ShopSetup_RosterException_getErrors, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_PlanException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_DatabaseException_methods[] = {
	ZEND_ME(ShopSetup_DatabaseException, isRetriable, arginfo_class_ShopSetup_DatabaseException_isRetriable, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_Effect_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_Store_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, lock, arginfo_class_ShopSetup_Store_lock, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, unlock, arginfo_class_ShopSetup_Store_unlock, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, begin, arginfo_class_ShopSetup_Store_begin, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, commit, arginfo_class_ShopSetup_Store_commit, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, rollback, arginfo_class_ShopSetup_Store_rollback, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, find, arginfo_class_ShopSetup_Store_find, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, findKeys, arginfo_class_ShopSetup_Store_findKeys, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, insert, arginfo_class_ShopSetup_Store_insert, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, update, arginfo_class_ShopSetup_Store_update, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(ShopSetup_Store, statements, arginfo_class_ShopSetup_Store_statements, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_Plan_methods[] = {
	ZEND_ME(ShopSetup_Plan, __construct, arginfo_class_ShopSetup_Plan___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, accounts, arginfo_class_ShopSetup_Plan_accounts, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(ShopSetup_Plan, emails, arginfo_class_ShopSetup_Plan_emails, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, people, arginfo_class_ShopSetup_Plan_people, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, notices, arginfo_class_ShopSetup_Plan_notices, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, seatsUsed, arginfo_class_ShopSetup_Plan_seatsUsed, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, run, arginfo_class_ShopSetup_Plan_run, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, preview, arginfo_class_ShopSetup_Plan_preview, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_NativeConnection_methods[] = {
	ZEND_ME(ShopSetup_NativeConnection, lock, arginfo_class_ShopSetup_NativeConnection_lock, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, unlock, arginfo_class_ShopSetup_NativeConnection_unlock, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, begin, arginfo_class_ShopSetup_NativeConnection_begin, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, commit, arginfo_class_ShopSetup_NativeConnection_commit, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, rollback, arginfo_class_ShopSetup_NativeConnection_rollback, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, find, arginfo_class_ShopSetup_NativeConnection_find, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, findKeys, arginfo_class_ShopSetup_NativeConnection_findKeys, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, insert, arginfo_class_ShopSetup_NativeConnection_insert, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, update, arginfo_class_ShopSetup_NativeConnection_update, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, statements, arginfo_class_ShopSetup_NativeConnection_statements, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, serverInfo, arginfo_class_ShopSetup_NativeConnection_serverInfo, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, connectionId, arginfo_class_ShopSetup_NativeConnection_connectionId, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_NativeConnection, close, arginfo_class_ShopSetup_NativeConnection_close, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_MysqlConnection_methods[] = {
	ZEND_ME(ShopSetup_MysqlConnection, __construct, arginfo_class_ShopSetup_MysqlConnection___construct, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


#if defined(HAVE_SHOPSETUP_PGSQL)
static const zend_function_entry class_ShopSetup_PgsqlConnection_methods[] = {
	ZEND_ME(ShopSetup_PgsqlConnection, __construct, arginfo_class_ShopSetup_PgsqlConnection___construct, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};
#endif

static zend_class_entry *register_class_ShopSetup_Exception(zend_class_entry *class_entry_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "Exception", class_ShopSetup_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Exception);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_ParamsException(zend_class_entry *class_entry_ShopSetup_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "ParamsException", class_ShopSetup_ParamsException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ShopSetup_Exception);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_RosterException(zend_class_entry *class_entry_ShopSetup_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "RosterException", class_ShopSetup_RosterException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ShopSetup_Exception);

	zval property_errors_default_value;
	ZVAL_EMPTY_ARRAY(&property_errors_default_value);
	zend_string *property_errors_name = zend_string_init("errors", sizeof("errors") - 1, 1);
	zend_declare_typed_property(class_entry, property_errors_name, &property_errors_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_errors_name);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_PlanException(zend_class_entry *class_entry_ShopSetup_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "PlanException", class_ShopSetup_PlanException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ShopSetup_Exception);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_DatabaseException(zend_class_entry *class_entry_ShopSetup_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "DatabaseException", class_ShopSetup_DatabaseException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ShopSetup_Exception);

	zval property_retriable_default_value;
	ZVAL_FALSE(&property_retriable_default_value);
	zend_string *property_retriable_name = zend_string_init("retriable", sizeof("retriable") - 1, 1);
	zend_declare_typed_property(class_entry, property_retriable_name, &property_retriable_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_retriable_name);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_Effect(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "Effect", class_ShopSetup_Effect_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval const_CACHES_value;
	zend_string *const_CACHES_value_str = zend_string_init(SHOPSETUP_EFFECT_CACHES, strlen(SHOPSETUP_EFFECT_CACHES), 1);
	ZVAL_STR(&const_CACHES_value, const_CACHES_value_str);
	zend_string *const_CACHES_name = zend_string_init_interned("CACHES", sizeof("CACHES") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_CACHES_name, &const_CACHES_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_CACHES_name);

	zval const_USER_CREATED_value;
	zend_string *const_USER_CREATED_value_str = zend_string_init(SHOPSETUP_EFFECT_USER_CREATED, strlen(SHOPSETUP_EFFECT_USER_CREATED), 1);
	ZVAL_STR(&const_USER_CREATED_value, const_USER_CREATED_value_str);
	zend_string *const_USER_CREATED_name = zend_string_init_interned("USER_CREATED", sizeof("USER_CREATED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_USER_CREATED_name, &const_USER_CREATED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_USER_CREATED_name);

	zval const_GROUP_CREATED_value;
	zend_string *const_GROUP_CREATED_value_str = zend_string_init(SHOPSETUP_EFFECT_GROUP_CREATED, strlen(SHOPSETUP_EFFECT_GROUP_CREATED), 1);
	ZVAL_STR(&const_GROUP_CREATED_value, const_GROUP_CREATED_value_str);
	zend_string *const_GROUP_CREATED_name = zend_string_init_interned("GROUP_CREATED", sizeof("GROUP_CREATED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_GROUP_CREATED_name, &const_GROUP_CREATED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_GROUP_CREATED_name);

	zval const_USER_ENROLMENT_CREATED_value;
	zend_string *const_USER_ENROLMENT_CREATED_value_str = zend_string_init(SHOPSETUP_EFFECT_USER_ENROLMENT_CREATED, strlen(SHOPSETUP_EFFECT_USER_ENROLMENT_CREATED), 1);
	ZVAL_STR(&const_USER_ENROLMENT_CREATED_value, const_USER_ENROLMENT_CREATED_value_str);
	zend_string *const_USER_ENROLMENT_CREATED_name = zend_string_init_interned("USER_ENROLMENT_CREATED", sizeof("USER_ENROLMENT_CREATED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_USER_ENROLMENT_CREATED_name, &const_USER_ENROLMENT_CREATED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_USER_ENROLMENT_CREATED_name);

	zval const_USER_ENROLMENT_UPDATED_value;
	zend_string *const_USER_ENROLMENT_UPDATED_value_str = zend_string_init(SHOPSETUP_EFFECT_USER_ENROLMENT_UPDATED, strlen(SHOPSETUP_EFFECT_USER_ENROLMENT_UPDATED), 1);
	ZVAL_STR(&const_USER_ENROLMENT_UPDATED_value, const_USER_ENROLMENT_UPDATED_value_str);
	zend_string *const_USER_ENROLMENT_UPDATED_name = zend_string_init_interned("USER_ENROLMENT_UPDATED", sizeof("USER_ENROLMENT_UPDATED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_USER_ENROLMENT_UPDATED_name, &const_USER_ENROLMENT_UPDATED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_USER_ENROLMENT_UPDATED_name);

	zval const_ROLE_ASSIGNED_value;
	zend_string *const_ROLE_ASSIGNED_value_str = zend_string_init(SHOPSETUP_EFFECT_ROLE_ASSIGNED, strlen(SHOPSETUP_EFFECT_ROLE_ASSIGNED), 1);
	ZVAL_STR(&const_ROLE_ASSIGNED_value, const_ROLE_ASSIGNED_value_str);
	zend_string *const_ROLE_ASSIGNED_name = zend_string_init_interned("ROLE_ASSIGNED", sizeof("ROLE_ASSIGNED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_ROLE_ASSIGNED_name, &const_ROLE_ASSIGNED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_ROLE_ASSIGNED_name);

	zval const_GRADES_RECOVERED_value;
	zend_string *const_GRADES_RECOVERED_value_str = zend_string_init(SHOPSETUP_EFFECT_GRADES_RECOVERED, strlen(SHOPSETUP_EFFECT_GRADES_RECOVERED), 1);
	ZVAL_STR(&const_GRADES_RECOVERED_value, const_GRADES_RECOVERED_value_str);
	zend_string *const_GRADES_RECOVERED_name = zend_string_init_interned("GRADES_RECOVERED", sizeof("GRADES_RECOVERED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_GRADES_RECOVERED_name, &const_GRADES_RECOVERED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_GRADES_RECOVERED_name);

	zval const_GROUP_MEMBER_ADDED_value;
	zend_string *const_GROUP_MEMBER_ADDED_value_str = zend_string_init(SHOPSETUP_EFFECT_GROUP_MEMBER_ADDED, strlen(SHOPSETUP_EFFECT_GROUP_MEMBER_ADDED), 1);
	ZVAL_STR(&const_GROUP_MEMBER_ADDED_value, const_GROUP_MEMBER_ADDED_value_str);
	zend_string *const_GROUP_MEMBER_ADDED_name = zend_string_init_interned("GROUP_MEMBER_ADDED", sizeof("GROUP_MEMBER_ADDED") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_GROUP_MEMBER_ADDED_name, &const_GROUP_MEMBER_ADDED_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_GROUP_MEMBER_ADDED_name);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_Store(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "Store", class_ShopSetup_Store_methods);
	class_entry = zend_register_internal_interface(&ce);

	zval const_MATCH_EQUAL_value;
	ZVAL_LONG(&const_MATCH_EQUAL_value, 1);
	zend_string *const_MATCH_EQUAL_name = zend_string_init_interned("MATCH_EQUAL", sizeof("MATCH_EQUAL") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MATCH_EQUAL_name, &const_MATCH_EQUAL_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MATCH_EQUAL_name);

	zval const_MATCH_CASELESS_PREFIX_value;
	ZVAL_LONG(&const_MATCH_CASELESS_PREFIX_value, 2);
	zend_string *const_MATCH_CASELESS_PREFIX_name = zend_string_init_interned("MATCH_CASELESS_PREFIX", sizeof("MATCH_CASELESS_PREFIX") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MATCH_CASELESS_PREFIX_name, &const_MATCH_CASELESS_PREFIX_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MATCH_CASELESS_PREFIX_name);

	zval const_MATCH_BELOW_value;
	ZVAL_LONG(&const_MATCH_BELOW_value, 3);
	zend_string *const_MATCH_BELOW_name = zend_string_init_interned("MATCH_BELOW", sizeof("MATCH_BELOW") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_MATCH_BELOW_name, &const_MATCH_BELOW_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_MATCH_BELOW_name);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_Plan(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "Plan", class_ShopSetup_Plan_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_NativeConnection(zend_class_entry *class_entry_ShopSetup_Store)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "NativeConnection", class_ShopSetup_NativeConnection_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_ABSTRACT|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;
	zend_class_implements(class_entry, 1, class_entry_ShopSetup_Store);

	return class_entry;
}

static zend_class_entry *register_class_ShopSetup_MysqlConnection(zend_class_entry *class_entry_ShopSetup_NativeConnection)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "MysqlConnection", class_ShopSetup_MysqlConnection_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ShopSetup_NativeConnection);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}

#if defined(HAVE_SHOPSETUP_PGSQL)
static zend_class_entry *register_class_ShopSetup_PgsqlConnection(zend_class_entry *class_entry_ShopSetup_NativeConnection)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "PgsqlConnection", class_ShopSetup_PgsqlConnection_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_ShopSetup_NativeConnection);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}
#endif
