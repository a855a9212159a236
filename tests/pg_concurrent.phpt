--TEST--
NativeConnection::run(): two processes at once, on overlapping orders and on the same order, create each account once (PostgreSQL; tests/cases/concurrent.inc)
--EXTENSIONS--
pgsql
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=pgsql
--SKIPIF--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_skip();
if (!function_exists('proc_open')) die('skip proc_open() is not available');
?>
--FILE_EXTERNAL--
cases/concurrent.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('concurrent');
?>
--EXPECT_EXTERNAL--
cases/concurrent.expect
