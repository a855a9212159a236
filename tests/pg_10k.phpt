--TEST--
NativeConnection::run(): 10,000 participants, half of them existing, one tutor per ten learners (PostgreSQL; tests/cases/10k.inc)
--EXTENSIONS--
pgsql
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=pgsql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/10k.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('bulk_10k');
?>
--EXPECT_EXTERNAL--
cases/10k.expect
