--TEST--
NativeConnection::run(): a fresh order writes exactly the expected rows and reports them (PostgreSQL; tests/cases/fresh_order.inc)
--EXTENSIONS--
pgsql
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=pgsql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/fresh_order.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('fresh_order');
?>
--EXPECT_EXTERNAL--
cases/fresh_order.expect
