--TEST--
NativeConnection::run(): the operator's role in the participants' user contexts is crossroleid (the delegation block's owner role), the supervisor role without it; a re-run of an older order adds the cross role once, never over a privileged account (PostgreSQL; tests/cases/cross_role.inc)
--EXTENSIONS--
pgsql
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=pgsql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/cross_role.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('cross_role');
?>
--EXPECT_EXTERNAL--
cases/cross_role.expect
