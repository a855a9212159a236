--TEST--
NativeConnection::run(): emails with LIKE wildcards (_ %) match only the same address (MariaDB; tests/cases/email_wildcards.inc)
--EXTENSIONS--
mysqli
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=mysql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/email_wildcards.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('email_wildcards');
?>
--EXPECT_EXTERNAL--
cases/email_wildcards.expect
