--TEST--
Plan::run(Store): a statements() count at PHP_INT_MAX or negative does not wrap: the report's count stays within 0..PHP_INT_MAX
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/memory_store.inc';

/** A MemoryStore whose statements() answers $count. */
final class CountingStore implements ShopSetup\Store
{
    public function __construct(public MemoryStore $inner, private int $count) {}
    public function lock(): void { $this->inner->lock(); }
    public function unlock(): void { $this->inner->unlock(); }
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
    public function insert(string $table, array $rows): void { $this->inner->insert($table, $rows); }
    public function update(string $table, array $rows): void { $this->inner->update($table, $rows); }
    public function statements(): int { return $this->count; }
}

$buckets = ['student' => ['ann@example.com' => plan_person('Ann', 'Lee', 'ann@example.com')]];
foreach ([PHP_INT_MAX, PHP_INT_MAX - 1, -5, 41] as $count) {
    $report = (new ShopSetup\Plan($buckets, 1, ['student' => 5], plan_facts()))->run(new CountingStore(memory_store(), $count));
    echo "statements() = $count: report ", $report['statements'], "\n";
}
?>
--EXPECT--
statements() = 9223372036854775807: report 9223372036854775807
statements() = 9223372036854775806: report 9223372036854775807
statements() = -5: report 1
statements() = 41: report 42
