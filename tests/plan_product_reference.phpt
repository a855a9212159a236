--TEST--
Plan: a product reference is a function of (bill item, user, bucket) whatever their sizes; existing references unchanged
--EXTENSIONS--
shopsetup
--FILE--
<?php
require __DIR__ . '/fixtures/product_refs.inc';

echo "-- references of normal-size inputs are those of earlier versions\n";
echo json_encode(refs(900, 11, ['student', 'teacher', str_repeat('b', 64)]) + refs(123456789, 987654321, ['_supervisor'])), "\n";

echo "-- buckets sharing their first 64 bytes get their own references\n";
$prefix = str_repeat('b', 64);
$refs = refs(900, 11, [$prefix, $prefix . '1', $prefix . '2', $prefix . str_repeat('é', 100)]);
echo count($refs), ' buckets, ', count(array_unique($refs)), " references\n";

echo "-- largest ids and a long bucket: the same reference every time, in every process\n";
$bucket = str_repeat('x', 80);
$here = [refs(PHP_INT_MAX, PHP_INT_MAX, [$bucket])[$bucket], refs(PHP_INT_MAX, PHP_INT_MAX, [$bucket])[$bucket]];
$code = 'require ' . var_export(__DIR__ . '/fixtures/product_refs.inc', true) . '; echo refs(PHP_INT_MAX, PHP_INT_MAX, [str_repeat("x", 80)])[str_repeat("x", 80)];';
$php = escapeshellarg(PHP_BINARY) . ' -n -d extension_dir=' . escapeshellarg(ini_get('extension_dir')) . ' -d extension=shopsetup';
for ($i = 0; $i < 3; $i++) {
    $here[] = shell_exec($php . ' -r ' . escapeshellarg($code));
}
echo count(array_unique($here)), ' reference: ', $here[0], "\n";
echo "-- and it depends on every part\n";
$variants = [$here[0], refs(PHP_INT_MAX, PHP_INT_MAX - 1, [$bucket])[$bucket], refs(PHP_INT_MAX - 1, PHP_INT_MAX, [$bucket])[$bucket],
    refs(PHP_INT_MAX, PHP_INT_MAX, [$bucket . 'y'])[$bucket . 'y']];
echo count(array_unique($variants)), " different references\n";
?>
--EXPECT--
-- references of normal-size inputs are those of earlier versions
{"student":"537W-4DVG-U9Y7-CXSQ","teacher":"5KXL-0S53-RSFU-G4YQ","bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb":"U699-HTY5-WNBT-5Z1S","_supervisor":"CJCN-GAZ6-FDSW-TOTS"}
-- buckets sharing their first 64 bytes get their own references
4 buckets, 4 references
-- largest ids and a long bucket: the same reference every time, in every process
1 reference: 9KXZ-HK7G-XD3H-4PMR
-- and it depends on every part
4 different references
