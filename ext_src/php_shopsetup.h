#ifndef PHP_SHOPSETUP_H
#define PHP_SHOPSETUP_H

extern zend_module_entry shopsetup_module_entry;
#define phpext_shopsetup_ptr &shopsetup_module_entry

#define PHP_SHOPSETUP_VERSION "0.6.0"

#if defined(ZTS) && defined(COMPILE_DL_SHOPSETUP)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
