/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 24d3c176e7bb59d10bd577b69f52baa32fba3819 */

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

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShopSetup_Plan___construct, 0, 0, 4)
	ZEND_ARG_TYPE_INFO(0, buckets, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, seats, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, bucketRoles, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, facts, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Plan_emails arginfo_class_ShopSetup_RosterException_getErrors

#define arginfo_class_ShopSetup_Plan_people arginfo_class_ShopSetup_RosterException_getErrors

#define arginfo_class_ShopSetup_Plan_notices arginfo_class_ShopSetup_RosterException_getErrors

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_seatsUsed, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_matchAccounts, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, accounts, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Plan_usernamePrefixes arginfo_class_ShopSetup_RosterException_getErrors

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_assignUsernames, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, taken, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Plan_newUserRows arginfo_class_ShopSetup_RosterException_getErrors

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_setNewUserIds, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, idsByUsername, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Plan_newUserPreferenceRows arginfo_class_ShopSetup_RosterException_getErrors

#define arginfo_class_ShopSetup_Plan_userIds arginfo_class_ShopSetup_RosterException_getErrors

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_enrolmentChanges, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, existing, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_setEnrolmentIds, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, idsByUserid, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_userContextRows, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, existingUserIds, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_roleAssignmentRows, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, userContextIds, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, existing, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_groupMemberRows, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, groupid, IS_LONG, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, existingMembers, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_Plan_groupRow arginfo_class_ShopSetup_RosterException_getErrors

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_productRows, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, existingReferences, Traversable, MAY_BE_ARRAY, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_Plan_productEventRows, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, productIdsByReference, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_ShopSetup_MysqlConnection___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, options, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_MysqlConnection_run, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, plan, ShopSetup\\Plan, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_MysqlConnection_serverInfo, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_ShopSetup_MysqlConnection_connectionId arginfo_class_ShopSetup_Plan_seatsUsed

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_ShopSetup_MysqlConnection_close, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(ShopSetup_decode_params);
ZEND_FUNCTION(ShopSetup_handler_config);
ZEND_FUNCTION(ShopSetup_validate_email);
ZEND_FUNCTION(ShopSetup_normalize_email);
ZEND_FUNCTION(ShopSetup_make_usernames);
ZEND_METHOD(ShopSetup_RosterException, getErrors);
ZEND_METHOD(ShopSetup_Plan, __construct);
ZEND_METHOD(ShopSetup_Plan, emails);
ZEND_METHOD(ShopSetup_Plan, people);
ZEND_METHOD(ShopSetup_Plan, notices);
ZEND_METHOD(ShopSetup_Plan, seatsUsed);
ZEND_METHOD(ShopSetup_Plan, matchAccounts);
ZEND_METHOD(ShopSetup_Plan, usernamePrefixes);
ZEND_METHOD(ShopSetup_Plan, assignUsernames);
ZEND_METHOD(ShopSetup_Plan, newUserRows);
ZEND_METHOD(ShopSetup_Plan, setNewUserIds);
ZEND_METHOD(ShopSetup_Plan, newUserPreferenceRows);
ZEND_METHOD(ShopSetup_Plan, userIds);
ZEND_METHOD(ShopSetup_Plan, enrolmentChanges);
ZEND_METHOD(ShopSetup_Plan, setEnrolmentIds);
ZEND_METHOD(ShopSetup_Plan, userContextRows);
ZEND_METHOD(ShopSetup_Plan, roleAssignmentRows);
ZEND_METHOD(ShopSetup_Plan, groupMemberRows);
ZEND_METHOD(ShopSetup_Plan, groupRow);
ZEND_METHOD(ShopSetup_Plan, productRows);
ZEND_METHOD(ShopSetup_Plan, productEventRows);
ZEND_METHOD(ShopSetup_MysqlConnection, __construct);
ZEND_METHOD(ShopSetup_MysqlConnection, run);
ZEND_METHOD(ShopSetup_MysqlConnection, serverInfo);
ZEND_METHOD(ShopSetup_MysqlConnection, connectionId);
ZEND_METHOD(ShopSetup_MysqlConnection, close);


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
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_Plan_methods[] = {
	ZEND_ME(ShopSetup_Plan, __construct, arginfo_class_ShopSetup_Plan___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, emails, arginfo_class_ShopSetup_Plan_emails, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, people, arginfo_class_ShopSetup_Plan_people, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, notices, arginfo_class_ShopSetup_Plan_notices, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, seatsUsed, arginfo_class_ShopSetup_Plan_seatsUsed, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, matchAccounts, arginfo_class_ShopSetup_Plan_matchAccounts, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, usernamePrefixes, arginfo_class_ShopSetup_Plan_usernamePrefixes, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, assignUsernames, arginfo_class_ShopSetup_Plan_assignUsernames, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, newUserRows, arginfo_class_ShopSetup_Plan_newUserRows, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, setNewUserIds, arginfo_class_ShopSetup_Plan_setNewUserIds, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, newUserPreferenceRows, arginfo_class_ShopSetup_Plan_newUserPreferenceRows, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, userIds, arginfo_class_ShopSetup_Plan_userIds, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, enrolmentChanges, arginfo_class_ShopSetup_Plan_enrolmentChanges, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, setEnrolmentIds, arginfo_class_ShopSetup_Plan_setEnrolmentIds, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, userContextRows, arginfo_class_ShopSetup_Plan_userContextRows, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, roleAssignmentRows, arginfo_class_ShopSetup_Plan_roleAssignmentRows, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, groupMemberRows, arginfo_class_ShopSetup_Plan_groupMemberRows, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, groupRow, arginfo_class_ShopSetup_Plan_groupRow, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, productRows, arginfo_class_ShopSetup_Plan_productRows, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_Plan, productEventRows, arginfo_class_ShopSetup_Plan_productEventRows, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_ShopSetup_MysqlConnection_methods[] = {
	ZEND_ME(ShopSetup_MysqlConnection, __construct, arginfo_class_ShopSetup_MysqlConnection___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_MysqlConnection, run, arginfo_class_ShopSetup_MysqlConnection_run, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_MysqlConnection, serverInfo, arginfo_class_ShopSetup_MysqlConnection_serverInfo, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_MysqlConnection, connectionId, arginfo_class_ShopSetup_MysqlConnection_connectionId, ZEND_ACC_PUBLIC)
	ZEND_ME(ShopSetup_MysqlConnection, close, arginfo_class_ShopSetup_MysqlConnection_close, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

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

static zend_class_entry *register_class_ShopSetup_MysqlConnection(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "ShopSetup", "MysqlConnection", class_ShopSetup_MysqlConnection_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}
