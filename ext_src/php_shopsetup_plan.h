/* ShopSetup\Plan: the core plan in a PHP object. */
#ifndef PHP_SHOPSETUP_PLAN_H
#define PHP_SHOPSETUP_PLAN_H

#include "php.h"
#include "shopsetup_plan.h"

extern zend_class_entry *php_shopsetup_plan_ce;

void php_shopsetup_plan_minit(zend_class_entry *ce);

/* The plan of a constructed ShopSetup\Plan, or NULL with an exception. */
shopsetup_plan *php_shopsetup_plan_get(zval *object);

#endif
