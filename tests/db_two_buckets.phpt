--TEST--
NativeConnection::run(): a person in two buckets gets one account, one enrolment, two course roles and two products (MariaDB; tests/cases/two_buckets.inc)
--EXTENSIONS--
mysqli
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=mysql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/two_buckets.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('two_buckets');
?>
--EXPECT_EXTERNAL--
cases/two_buckets.expect
