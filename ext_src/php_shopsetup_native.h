/* ShopSetup\Store's methods on the extension's own stores (their C store behind PHP values). */
#ifndef PHP_SHOPSETUP_NATIVE_H
#define PHP_SHOPSETUP_NATIVE_H

#include "php.h"
#include "shopsetup_store.h"

/* Each one calls one operation of the C store; a failure is thrown as a ShopSetup exception. */
void php_shopsetup_native_lock(shopsetup_store store);
void php_shopsetup_native_begin(shopsetup_store store);
void php_shopsetup_native_commit(shopsetup_store store);
/* The methods' own parameters, parsed here: find() and findKeys() as Store declares them. */
void php_shopsetup_native_find(shopsetup_store store, INTERNAL_FUNCTION_PARAMETERS);
void php_shopsetup_native_find_keys(shopsetup_store store, INTERNAL_FUNCTION_PARAMETERS);
/* insert() (SHOPSETUP_WRITE_INSERT) or update() (SHOPSETUP_WRITE_UPDATE) of Store. */
void php_shopsetup_native_write(shopsetup_store store, shopsetup_write kind, INTERNAL_FUNCTION_PARAMETERS);

/* The connections' options: absent or null leaves *out as it is; a wrong type throws (false). */
bool php_shopsetup_option_string(HashTable *options, const char *name, const char **out);
bool php_shopsetup_option_uint(HashTable *options, const char *name, unsigned max, unsigned *out);

#define PHP_SHOPSETUP_PORT_MAX 65535
/* A day: longer than any wait worth having, far below what the libraries' unsigned seconds hold. */
#define PHP_SHOPSETUP_TIMEOUT_MAX 86400

#endif
