--TEST--
NativeConnection::run(): quotes, backslashes, wildcards, emoji, CJK and maximum lengths are stored verbatim; NUL bytes and over-long values write nothing (MariaDB; tests/cases/hostile_data.inc)
--EXTENSIONS--
mysqli
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=mysql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/hostile_data.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('hostile_data');
?>
--EXPECT_EXTERNAL--
cases/hostile_data.expect
