mod debian/shopsetup.ini
