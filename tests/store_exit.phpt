--TEST--
Plan::run(Store): exit() in a store method rolls the setup back and unlocks, then the script ends as it asked (the exit is not turned into an Error, the code after run() does not run)
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/memory_store.inc';

/** Delegates to a MemoryStore; exits in one method. */
final class ExitingStore implements ShopSetup\Store
{
    public function __construct(public MemoryStore $inner, private string $exitIn) {}
    private function maybeExit(string $method): void
    {
        if ($method === $this->exitIn) {
            exit("exit in $method\n");
        }
    }
    public function lock(): void { $this->inner->lock(); $this->maybeExit('lock'); }
    public function unlock(): void { $this->inner->unlock(); $this->maybeExit('unlock'); }
    public function begin(): void { $this->inner->begin(); }
    public function commit(): void { $this->inner->commit(); }
    public function rollback(): void { $this->inner->rollback(); }
    public function find(string $table, array $columns, array $conditions, string $keyColumn, int $match, array $keys): iterable
    {
        return $this->inner->find($table, $columns, $conditions, $keyColumn, $match, $keys);
    }
    public function findKeys(string $table, array $conditions, string $keyColumn, array $keys): array
    {
        return $this->inner->findKeys($table, $conditions, $keyColumn, $keys);
    }
    public function insert(string $table, array $rows): void { $this->maybeExit("insert $table"); $this->inner->insert($table, $rows); }
    public function update(string $table, array $rows): void { $this->inner->update($table, $rows); }
    public function statements(): int { return $this->inner->statements(); }
}

$method = getenv('SHOPSETUP_EXIT_IN') ?: '';
if ($method === '') {
    // Each case in a child process, as each exit() ends its script.
    foreach (['insert user_enrolments', 'unlock'] as $case) {
        $cmd = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=shopsetup', __FILE__];
        $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, ['SHOPSETUP_EXIT_IN' => $case] + getenv());
        $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
        echo "--- exit() in $case: status ", proc_close($proc), "\n", $out;
    }
    return;
}
$store = new ExitingStore(memory_store(), $method);
$before = $store->inner->tables();
register_shutdown_function(function () use ($store, $before) {
    echo 'calls: ', implode(', ', array_filter($store->inner->log(false), fn($c) => in_array($c, ['lock', 'begin', 'commit', 'rollback', 'unlock'], true))), "\n";
    echo 'tables: ', $store->inner->tables() == $before ? 'as before' : 'changed', "\n";
});
$buckets = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
try {
    (new ShopSetup\Plan($buckets, 1, ['student' => 5], plan_facts()))->run($store);
    echo "run() returned\n";
} catch (Throwable $e) {
    echo 'caught ', get_class($e), ': ', $e->getMessage(), "\n";
}
echo "the script went on after its exit()\n";
?>
--EXPECT--
--- exit() in insert user_enrolments: status 0
exit in insert user_enrolments
calls: lock, begin, rollback, unlock
tables: as before
--- exit() in unlock: status 0
exit in unlock
calls: lock, begin, commit, unlock
tables: changed
