# re2c lexers: ext_src/*.re -> ext_src/*.c (generated, not committed)

$(srcdir)/ext_src/shopsetup_params.c: $(srcdir)/ext_src/shopsetup_params.re
	@(cd $(srcdir)/ext_src && $(RE2C) $(SHOPSETUP_RE2C_FLAGS) -o shopsetup_params.c shopsetup_params.re)

$(srcdir)/ext_src/shopsetup_utf8.c: $(srcdir)/ext_src/shopsetup_utf8.re
	@(cd $(srcdir)/ext_src && $(RE2C) $(SHOPSETUP_RE2C_FLAGS) -o shopsetup_utf8.c shopsetup_utf8.re)

$(srcdir)/ext_src/shopsetup_email.c: $(srcdir)/ext_src/shopsetup_email.re
	@(cd $(srcdir)/ext_src && $(RE2C) $(SHOPSETUP_RE2C_FLAGS) -o shopsetup_email.c shopsetup_email.re)

# The database tests (tests/db_*.phpt, tests/pg_*.phpt) prepare and check the database with PHP's
# own mysqli and pgsql. "make test" drops the extension= lines of php.ini and run-tests.php looks
# for --EXTENSIONS-- only in modules/, so load them from PHP's extension directory when installed
# (Debian: php8.2-mysql, php8.2-pgsql); without them those tests skip with the reason.
PHP_TEST_SHARED_EXTENSIONS += $(shell for e in mysqlnd mysqli pgsql; do \
	test -f "$(EXTENSION_DIR)/$$e.$(SHLIB_SUFFIX_NAME)" && printf ' -d extension=%s' "$(EXTENSION_DIR)/$$e.$(SHLIB_SUFFIX_NAME)"; done)
