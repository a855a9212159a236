/* TEMPORARY scaffold: replaced by the real glue. */
#include "php.h"
#include "zend_exceptions.h"
#include "php_shopsetup_glue.h"

ZEND_METHOD(ShopSetup_MysqlConnection, __construct)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_MysqlConnection, run)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_MysqlConnection, serverInfo)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

ZEND_METHOD(ShopSetup_MysqlConnection, close)
{
	zend_throw_exception(php_shopsetup_exception_ce, "not implemented", 0);
}

void php_shopsetup_mysql_minit(void)
{
}
