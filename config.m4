PHP_ARG_ENABLE([shopsetup],
  [whether to enable shopsetup support],
  [AS_HELP_STRING([--enable-shopsetup], [Enable shopsetup (Moodle course-session setup) support])],
  [yes])

PHP_ARG_WITH([shopsetup-pgsql],
  [whether to build shopsetup's PostgreSQL store],
  [AS_HELP_STRING([--without-shopsetup-pgsql], [shopsetup: build without the PostgreSQL store (else built when pkg-config finds libpq)])],
  [auto], [no])

if test "$PHP_SHOPSETUP" != "no"; then
  dnl MySQL/MariaDB client library: pkg-config libmariadb, then mariadb_config / mysql_config.
  PKG_CHECK_MODULES([SHOPSETUP_MYSQL], [libmariadb], [
    PHP_EVAL_INCLINE([$SHOPSETUP_MYSQL_CFLAGS])
    PHP_EVAL_LIBLINE([$SHOPSETUP_MYSQL_LIBS], [SHOPSETUP_SHARED_LIBADD])
  ], [
    AC_PATH_PROGS([SHOPSETUP_MYSQL_CONFIG], [mariadb_config mysql_config], [no])
    if test "$SHOPSETUP_MYSQL_CONFIG" = "no"; then
      AC_MSG_ERROR([shopsetup needs libmysqlclient: install libmariadb-dev (Debian) so that pkg-config libmariadb, mariadb_config or mysql_config is found])
    fi
    SHOPSETUP_MYSQL_CFLAGS=`$SHOPSETUP_MYSQL_CONFIG --include`
    SHOPSETUP_MYSQL_LIBS=`$SHOPSETUP_MYSQL_CONFIG --libs`
    PHP_EVAL_INCLINE([$SHOPSETUP_MYSQL_CFLAGS])
    PHP_EVAL_LIBLINE([$SHOPSETUP_MYSQL_LIBS], [SHOPSETUP_SHARED_LIBADD])
  ])
  AC_MSG_CHECKING([for mysql_real_connect in the MySQL/MariaDB client library])
  shopsetup_save_LIBS=$LIBS
  shopsetup_save_CFLAGS=$CFLAGS
  LIBS="$SHOPSETUP_MYSQL_LIBS $LIBS"
  CFLAGS="$SHOPSETUP_MYSQL_CFLAGS $CFLAGS"
  AC_LINK_IFELSE([AC_LANG_PROGRAM([[#include <mysql.h>]], [[return mysql_real_connect(0, 0, 0, 0, 0, 0, 0, 0) != 0;]])],
    [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no]); AC_MSG_ERROR([cannot link against the MySQL/MariaDB client library ($SHOPSETUP_MYSQL_LIBS): install libmariadb-dev])])
  LIBS=$shopsetup_save_LIBS
  CFLAGS=$shopsetup_save_CFLAGS

  dnl PostgreSQL client library: pkg-config libpq. Without it the extension is built with the
  dnl MySQL/MariaDB store only, and says so here and in php --ri shopsetup.
  SHOPSETUP_PGSQL_SOURCES=""
  if test "$PHP_SHOPSETUP_PGSQL" != "no"; then
    PKG_CHECK_MODULES([SHOPSETUP_PGSQL], [libpq], [
      PHP_EVAL_INCLINE([$SHOPSETUP_PGSQL_CFLAGS])
      PHP_EVAL_LIBLINE([$SHOPSETUP_PGSQL_LIBS], [SHOPSETUP_SHARED_LIBADD])
      AC_DEFINE([HAVE_SHOPSETUP_PGSQL], [1], [shopsetup's PostgreSQL store (libpq)])
      SHOPSETUP_PGSQL_SOURCES="ext_src/shopsetup_pgsql.c"
      AC_MSG_NOTICE([shopsetup: the PostgreSQL store is built (libpq $SHOPSETUP_PGSQL_CFLAGS $SHOPSETUP_PGSQL_LIBS)])
    ], [
      if test "$PHP_SHOPSETUP_PGSQL" = "yes"; then
        AC_MSG_ERROR([--with-shopsetup-pgsql: libpq not found by pkg-config: install libpq-dev])
      fi
      AC_MSG_WARN([shopsetup: libpq not found (install libpq-dev): the PostgreSQL store is NOT built])
    ])
  else
    AC_MSG_NOTICE([shopsetup: built without the PostgreSQL store (--without-shopsetup-pgsql)])
  fi

  dnl The lexers are re2c sources; the generated C is built, never committed.
  PHP_PROG_RE2C([1.2])
  if test -z "$RE2C"; then
    AC_MSG_ERROR([re2c is required to build shopsetup's lexers: install re2c])
  fi
  SHOPSETUP_RE2C_FLAGS="-W -Werror --no-generation-date --no-version"
  PHP_SUBST(SHOPSETUP_RE2C_FLAGS)

  SHOPSETUP_SOURCES="
    ext_src/shopsetup.c
    ext_src/php_shopsetup_plan.c
    ext_src/php_shopsetup_connection.c
    ext_src/php_shopsetup_mysql.c
    ext_src/php_shopsetup_pgsql.c
    ext_src/php_shopsetup_errors.c
    ext_src/php_shopsetup_rows.c
    ext_src/php_shopsetup_store.c
    ext_src/php_shopsetup_native.c
    ext_src/shopsetup_buf.c
    ext_src/shopsetup_params.c
    ext_src/shopsetup_utf8.c
    ext_src/shopsetup_email.c
    ext_src/shopsetup_config.c
    ext_src/shopsetup_roster.c
    ext_src/shopsetup_username.c
    ext_src/shopsetup_plan.c
    ext_src/shopsetup_driver.c
    ext_src/shopsetup_sql.c
    ext_src/shopsetup_mysql.c
    $SHOPSETUP_PGSQL_SOURCES
  "
  PHP_SUBST(SHOPSETUP_SHARED_LIBADD)
  PHP_NEW_EXTENSION(shopsetup, $SHOPSETUP_SOURCES, $ext_shared,, -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1)
  PHP_ADD_BUILD_DIR([$ext_builddir/ext_src])
  PHP_ADD_INCLUDE([$ext_srcdir/ext_src])
  dnl after PHP_NEW_EXTENSION: it reads $ext_srcdir/Makefile.frag
  PHP_ADD_MAKEFILE_FRAGMENT
fi
