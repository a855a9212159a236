# re2c lexers: ext_src/*.re -> ext_src/*.c (generated, not committed)

$(srcdir)/ext_src/shopsetup_params.c: $(srcdir)/ext_src/shopsetup_params.re
	@(cd $(srcdir)/ext_src && $(RE2C) $(SHOPSETUP_RE2C_FLAGS) -o shopsetup_params.c shopsetup_params.re)

$(srcdir)/ext_src/shopsetup_utf8.c: $(srcdir)/ext_src/shopsetup_utf8.re
	@(cd $(srcdir)/ext_src && $(RE2C) $(SHOPSETUP_RE2C_FLAGS) -o shopsetup_utf8.c shopsetup_utf8.re)

$(srcdir)/ext_src/shopsetup_email.c: $(srcdir)/ext_src/shopsetup_email.re
	@(cd $(srcdir)/ext_src && $(RE2C) $(SHOPSETUP_RE2C_FLAGS) -o shopsetup_email.c shopsetup_email.re)
