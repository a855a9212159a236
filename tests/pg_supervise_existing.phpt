--TEST--
NativeConnection::run(): the operator is attached to new accounts and to unprivileged existing ones (superviseexisting), never to a privileged account, which is still enrolled and grouped; the report lists who was not attached (PostgreSQL; tests/cases/supervise_existing.inc)
--EXTENSIONS--
pgsql
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=pgsql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/supervise_existing.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('supervise_existing');
?>
--EXPECT_EXTERNAL--
cases/supervise_existing.expect
