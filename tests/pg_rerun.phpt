--TEST--
NativeConnection::run(): running the same order again (a new Plan) changes nothing and says so (PostgreSQL; tests/cases/rerun.inc)
--EXTENSIONS--
pgsql
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=pgsql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/rerun.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('rerun');
?>
--EXPECT_EXTERNAL--
cases/rerun.expect
