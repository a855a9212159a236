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

/* The error's class, by its code. */
static zend_class_entry *php_shopsetup_error_ce(shopsetup_status code)
{
	switch (code) {
		case SHOPSETUP_E_PARAMS_ESCAPE:
		case SHOPSETUP_E_PARAMS_EMPTY_KEY:
		case SHOPSETUP_E_PARAMS_DUPLICATE_KEY:
		case SHOPSETUP_E_PARAMS_NUL:
		case SHOPSETUP_E_PARAMS_UTF8:
		case SHOPSETUP_E_CONFIG_MISSING:
		case SHOPSETUP_E_CONFIG_VALUE:
			return php_shopsetup_params_exception_ce;
		case SHOPSETUP_E_ROSTER_INVALID:
		case SHOPSETUP_E_ROSTER_SEATS:
			return php_shopsetup_roster_exception_ce;
		case SHOPSETUP_E_PLAN_STATE:
		case SHOPSETUP_E_PLAN_INPUT:
			return php_shopsetup_plan_exception_ce;
		case SHOPSETUP_E_DB:
			return php_shopsetup_database_exception_ce;
		case SHOPSETUP_E_NOMEM:
		case SHOPSETUP_OK:
			break;
	}
	return php_shopsetup_exception_ce;
}

/* Subject and detail may quote any byte (a key, a value, a server's message): both are made printable. */
void php_shopsetup_throw(const shopsetup_error *err)
{
	shopsetup_buf subject_buf = { 0 }, detail_buf = { 0 };
	const char *subject = shopsetup_utf8_printable(&subject_buf, (shopsetup_slice){ err->subject, strlen(err->subject) });
	const char *detail = shopsetup_utf8_printable(&detail_buf, (shopsetup_slice){ err->detail, strlen(err->detail) });
	zend_class_entry *ce = php_shopsetup_error_ce(err->code);
	switch (err->code) {
		case SHOPSETUP_E_PARAMS_ESCAPE:
		case SHOPSETUP_E_PARAMS_EMPTY_KEY:
		case SHOPSETUP_E_PARAMS_DUPLICATE_KEY:
		case SHOPSETUP_E_PARAMS_NUL:
		case SHOPSETUP_E_PARAMS_UTF8:
			if (subject[0] != '\0') {
				zend_throw_exception_ex(ce, err->code, "Handler parameters: %s at byte %zu (key \"%s\")", detail, err->offset, subject);
			} else {
				zend_throw_exception_ex(ce, err->code, "Handler parameters: %s at byte %zu", detail, err->offset);
			}
			break;
		case SHOPSETUP_E_CONFIG_MISSING:
		case SHOPSETUP_E_CONFIG_VALUE:
			zend_throw_exception_ex(ce, err->code, "Handler parameter \"%s\": %s", subject, detail);
			break;
		case SHOPSETUP_E_ROSTER_INVALID:
		case SHOPSETUP_E_ROSTER_SEATS:
			zend_throw_exception_ex(ce, err->code, "%s", detail);
			break;
		case SHOPSETUP_E_PLAN_STATE:
		case SHOPSETUP_E_PLAN_INPUT:
			if (subject[0] != '\0') {
				zend_throw_exception_ex(ce, err->code, "%s: %s", subject, detail);
			} else {
				zend_throw_exception_ex(ce, err->code, "%s", detail);
			}
			break;
		case SHOPSETUP_E_DB: {
			zend_object *exception = subject[0] != '\0'
				? zend_throw_exception_ex(ce, err->code, "%s (%s)", detail, subject)
				: zend_throw_exception_ex(ce, err->code, "%s", detail);
			zend_update_property_bool(ce, exception, "retriable", sizeof("retriable") - 1, err->retriable);
			break;
		}
		case SHOPSETUP_E_NOMEM:
		case SHOPSETUP_OK:
			zend_throw_exception_ex(ce, err->code, "%s", detail[0] ? detail : "internal error");
			break;
	}
	shopsetup_buf_free(&subject_buf);
	shopsetup_buf_free(&detail_buf);
}

void php_shopsetup_throw_status(shopsetup_status status, shopsetup_error *err)
{
	if (err->code == SHOPSETUP_OK) {
		shopsetup_error_set(err, status, 0, NULL, 0, status == SHOPSETUP_E_NOMEM ? "out of memory" : "internal error");
	}
	php_shopsetup_throw(err);
}

ZEND_METHOD(ShopSetup_DatabaseException, isRetriable)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zval rv;
	zval *retriable = zend_read_property(php_shopsetup_database_exception_ce, Z_OBJ_P(ZEND_THIS), "retriable", sizeof("retriable") - 1, 1, &rv);
	RETURN_BOOL(zend_is_true(retriable));
}

ZEND_METHOD(ShopSetup_RosterException, getErrors)
{
	ZEND_PARSE_PARAMETERS_NONE();

	zval rv;
	zval *errors = zend_read_property(php_shopsetup_roster_exception_ce, Z_OBJ_P(ZEND_THIS), "errors", sizeof("errors") - 1, 1, &rv);
	RETURN_COPY_DEREF(errors);
}
