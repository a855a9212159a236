--TEST--
Regression (spec section 2.1): a value containing "=" was cut and no URL-decoding was done
--EXTENSIONS--
shopsetup
--FILE--
<?php
// Spec section 2.1: the original split each pair on "=" and kept only the first two parts, so "a=b=c" lost "=c";
// it never URL-decoded, although the help text calls the format "url encoded like"; CatalogItem dropped pairs
// without "=" while BillItem raised a PHP warning for them.
use function ShopSetup\decode_params;
use function ShopSetup\handler_config;

$params = decode_params('coursename=Cours%20d%27anglais&groupname=Session%20{orderref}%20%3D%20A=B&customersupport=SUP%26PORT&autoenrolsupervisor&x=1=2=3');
foreach ($params as $key => $value) {
    echo $key, ' => [', $value, "]\n";
}

$config = handler_config($params, ['now' => 1700000000, 'orderref' => 'SO-1']);
echo $config['coursename'], ' | ', $config['groupname'], ' | ', $config['customersupport'], ' | ', json_encode($config['warnings']), "\n";
?>
--EXPECT--
coursename => [Cours d'anglais]
groupname => [Session {orderref} = A=B]
customersupport => [SUP&PORT]
autoenrolsupervisor => []
x => [1=2=3]
Cours d'anglais | Session SO-1 = A=B | SUP&PORT | ["supervisor is not set: the operator gets the role \"teacher\"","unknown key \"x\" is ignored"]
