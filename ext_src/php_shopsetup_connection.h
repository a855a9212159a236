/*
 * ShopSetup\NativeConnection: the object behind MysqlConnection and PgsqlConnection. Its Store
 * methods, serverInfo(), connectionId() and close() are written once here, over the operations of
 * each database's C connection; a subclass only parses its options and connects.
 */
#ifndef PHP_SHOPSETUP_CONNECTION_H
#define PHP_SHOPSETUP_CONNECTION_H

#include "php.h"
#include "shopsetup_store.h"

typedef struct {
	size_t size;                                  /* of the C connection */
	shopsetup_store (*store)(void *db);
	void (*close)(void *db);
	const char *(*server_info)(void *db);
	int64_t (*connection_id)(void *db);
} php_shopsetup_connection_ops;

typedef struct {
	const php_shopsetup_connection_ops *ops;
	void *db;            /* the C connection (ops->size bytes), once the constructor connected */
	zend_object std;
} php_shopsetup_connection_object;

extern zend_class_entry *php_shopsetup_native_connection_ce;

void php_shopsetup_connection_minit(zend_class_entry *base);
/* A subclass: its objects use ops; its instances are native stores of the driver. */
void php_shopsetup_connection_register(zend_class_entry *ce, zend_object *(*create)(zend_class_entry *ce));
zend_object *php_shopsetup_connection_create(zend_class_entry *ce, const php_shopsetup_connection_ops *ops);

/*
 * The object's C connection, newly allocated for its constructor to connect (NULL with an Error
 * when it is already connected); php_shopsetup_connection_connected() keeps it, _failed() frees it.
 */
void *php_shopsetup_connection_begin(zend_object *object, const char *class_name);
void php_shopsetup_connection_failed(zend_object *object);

#endif
