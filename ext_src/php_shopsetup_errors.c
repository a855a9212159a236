/* ShopSetup\Exception and its subclasses: core error codes become exceptions here only. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_shopsetup_errors.h"
#include "shopsetup_text.h"

zend_class_entry *php_shopsetup_exception_ce;
zend_class_entry *php_shopsetup_params_exception_ce;
zend_class_entry *php_shopsetup_roster_exception_ce;
zend_class_entry *php_shopsetup_plan_exception_ce;
zend_class_entry *php_shopsetup_database_exception_ce;

void php_shopsetup_throw(const shopsetup_error *err)
{
	shopsetup_buf printable = { 0 };
	switch (err->code) {
		case SHOPSETUP_E_PARAMS_ESCAPE:
		case SHOPSETUP_E_PARAMS_EMPTY_KEY:
		case SHOPSETUP_E_PARAMS_DUPLICATE_KEY:
		case SHOPSETUP_E_PARAMS_NUL:
		case SHOPSETUP_E_PARAMS_UTF8:
			if (err->subject[0] != '\0') {
				zend_throw_exception_ex(php_shopsetup_params_exception_ce, err->code, "Handler parameters: %s at byte %zu (key \"%s\")",
					err->detail, err->offset, shopsetup_utf8_printable(&printable, (shopsetup_slice){ err->subject, strlen(err->subject) }));
			} else {
				zend_throw_exception_ex(php_shopsetup_params_exception_ce, err->code,
					"Handler parameters: %s at byte %zu", err->detail, err->offset);
			}
			shopsetup_buf_free(&printable);
			return;
		case SHOPSETUP_E_CONFIG_MISSING:
		case SHOPSETUP_E_CONFIG_VALUE:
			/* the detail quotes the bad value, which may hold any byte */
			zend_throw_exception_ex(php_shopsetup_params_exception_ce, err->code, "Handler parameter \"%s\": %s", err->subject,
				shopsetup_utf8_printable(&printable, (shopsetup_slice){ err->detail, strlen(err->detail) }));
			shopsetup_buf_free(&printable);
			return;
		case SHOPSETUP_E_ROSTER_INVALID:
		case SHOPSETUP_E_ROSTER_SEATS:
			zend_throw_exception_ex(php_shopsetup_roster_exception_ce, err->code, "%s", err->detail);
			return;
		case SHOPSETUP_E_PLAN_STATE:
		case SHOPSETUP_E_PLAN_INPUT:
			if (err->subject[0] != '\0') {
				zend_throw_exception_ex(php_shopsetup_plan_exception_ce, err->code, "%s: %s", err->subject, err->detail);
			} else {
				zend_throw_exception_ex(php_shopsetup_plan_exception_ce, err->code, "%s", err->detail);
			}
			return;
		case SHOPSETUP_E_DB:
			if (err->subject[0] != '\0') {
				zend_throw_exception_ex(php_shopsetup_database_exception_ce, err->code, "%s (%s)", err->detail, err->subject);
			} else {
				zend_throw_exception_ex(php_shopsetup_database_exception_ce, err->code, "%s", err->detail);
			}
			return;
		case SHOPSETUP_E_NOMEM:
		case SHOPSETUP_OK:
			break;
	}
	zend_throw_exception_ex(php_shopsetup_exception_ce, err->code, "%s", err->detail[0] ? err->detail : "internal error");
}

void php_shopsetup_throw_status(shopsetup_status status, shopsetup_error *err)
{
	if (err->code == SHOPSETUP_OK) {
		shopsetup_error_set(err, status, 0, NULL, 0, status == SHOPSETUP_E_NOMEM ? "out of memory" : "internal error");
	}
	php_shopsetup_throw(err);
}

ZEND_METHOD(ShopSetup_RosterException, getErrors)
{
	ZEND_PARSE_PARAMETERS_NONE();

	zval rv;
	zval *errors = zend_read_property(php_shopsetup_roster_exception_ce, Z_OBJ_P(ZEND_THIS), "errors", sizeof("errors") - 1, 1, &rv);
	RETURN_COPY_DEREF(errors);
}
