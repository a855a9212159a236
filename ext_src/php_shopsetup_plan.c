/* TEMPORARY scaffold: replaced by the real glue. */
#include "php.h"
#include "zend_exceptions.h"
#include "php_shopsetup_glue.h"

ZEND_METHOD(ShopSetup_Plan, __construct)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, emails)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, people)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, notices)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, seatsUsed)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, matchAccounts)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, usernamePrefixes)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, assignUsernames)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, newUserRows)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, setNewUserIds)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, newUserPreferenceRows)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, userIds)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, enrolmentChanges)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, setEnrolmentIds)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, roleAssignmentRows)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, groupMemberRows)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, groupRow)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, productRows)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_Plan, productEventRows)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

void php_shopsetup_plan_minit(void)
{
}
