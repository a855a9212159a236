--TEST--
NativeConnection::run(): a role held through an enrolment plugin (cohort sync: component enrol_cohort) is not the manual enrolment's; the manual assignment is added as role_assign() adds it, once (PostgreSQL; tests/cases/role_component.inc)
--EXTENSIONS--
pgsql
shopsetup
--ENV--
SHOPSETUP_TEST_SITE=pgsql
--SKIPIF--
<?php require __DIR__ . '/fixtures/db.inc'; shopsetup_test_site_skip(); ?>
--FILE_EXTERNAL--
cases/role_component.inc
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_site_drop('role_component');
?>
--EXPECT_EXTERNAL--
cases/role_component.expect
