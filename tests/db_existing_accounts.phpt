--TEST--
NativeConnection::run(): half the participants already in Moodle (email case, deleted, suspended, duplicates, other host, enrolment windows) (MariaDB; tests/cases/existing_accounts.inc)
--EXTENSIONS--
mysqli
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=mysql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/existing_accounts.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('existing_accounts');
?>
--EXPECT_EXTERNAL--
cases/existing_accounts.expect
