--TEST--
MysqlConnection::__construct(): TLS options against a server without TLS fail instead of connecting in plain text
--EXTENSIONS--
mysqli
shopsetup
--SKIPIF--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_skip();
$m = shopsetup_test_db_connect();
if ($m->query("SHOW VARIABLES LIKE 'have_ssl'")->fetch_row()[1] === 'YES') {
    die('skip the test server supports TLS: this test needs one without (as .ci/mariadb.sh starts it)');
}
?>
--FILE--
<?php
require __DIR__ . '/fixtures/db_checks.inc';
$db = shopsetup_test_db('tls_required');
$cases = [
    'ssl' => ['ssl' => true],
    'ssl_verify_server_cert' => ['ssl_verify_server_cert' => true],
    'ssl_ca' => ['ssl_ca' => __DIR__ . '/fixtures/no-such-ca.pem'],
    'ssl_cipher' => ['ssl_cipher' => 'ECDHE-RSA-AES128-GCM-SHA256'],
    'ssl off' => ['ssl' => false, 'ssl_verify_server_cert' => false],
];
foreach ($cases as $what => $options) {
    try {
        $conn = new ShopSetup\MysqlConnection($options + $db['options']);
        echo "$what: connected\n";
        $conn->close();
    } catch (ShopSetup\DatabaseException $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
shopsetup_test_db_drop('tls_required');
?>
--CLEAN--
<?php
require __DIR__ . '/fixtures/db.inc';
shopsetup_test_db_drop('tls_required');
?>
--EXPECTF--
ssl: ShopSetup\DatabaseException: cannot connect to MySQL/MariaDB: %s (connect)
ssl_verify_server_cert: ShopSetup\DatabaseException: cannot connect to MySQL/MariaDB: %s (connect)
ssl_ca: ShopSetup\DatabaseException: cannot connect to MySQL/MariaDB: %s (connect)
ssl_cipher: ShopSetup\DatabaseException: cannot connect to MySQL/MariaDB: %s (connect)
ssl off: connected
