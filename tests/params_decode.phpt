--TEST--
decode_params(): & splits pairs, the first = splits key from value, %XX decoded, + kept literal
--EXTENSIONS--
shopsetup
--FILE--
<?php
use function ShopSetup\decode_params;

function show(string $input): void {
    echo json_encode($input, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), ' => ', json_encode(decode_params($input), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
}

// The handler's usual parameters, in input order.
show('coursename=SPOC1&supervisor=teacher&endtime=+30D&customersupport=SUPPORT');
// A value may hold "=": only the first one splits.
show('groupname=a=b=c&x==');
// %XX escapes, upper and lower case hex; + stays a plus (no form decoding).
show('coursename=Cours%20de%20fran%C3%A7ais&pattern=%7Bcourse%7D%2d%7borderref%7D&plus=a+b%2Bc');
// An escaped "&" or "=" is data, not a separator.
show('a=x%26y%3Dz&b%3D=1');
// Empty pairs are skipped: doubled, leading and trailing "&".
show('&a=1&&b=2&');
show('&&&');
show('');
// A key without "=" is a flag with the value ""; "k=" is an empty value too.
show('autoenrolsupervisor&mirrorrole=&x');
// Keys are not trimmed or case-folded: "A" and "a" are two keys.
show('A=1&a=2& a=3');
// Raw UTF-8 passes through unchanged.
show('groupname=Élèves – 2024&ville=Zürich');
// Integer-like keys become PHP integer keys, as in any PHP array; "01" stays a string.
show('1=one&01=zero-one');
var_dump(decode_params('1=one') === [1 => 'one']);
?>
--EXPECT--
"coursename=SPOC1&supervisor=teacher&endtime=+30D&customersupport=SUPPORT" => {"coursename":"SPOC1","supervisor":"teacher","endtime":"+30D","customersupport":"SUPPORT"}
"groupname=a=b=c&x==" => {"groupname":"a=b=c","x":"="}
"coursename=Cours%20de%20fran%C3%A7ais&pattern=%7Bcourse%7D%2d%7borderref%7D&plus=a+b%2Bc" => {"coursename":"Cours de français","pattern":"{course}-{orderref}","plus":"a+b+c"}
"a=x%26y%3Dz&b%3D=1" => {"a":"x&y=z","b=":"1"}
"&a=1&&b=2&" => {"a":"1","b":"2"}
"&&&" => []
"" => []
"autoenrolsupervisor&mirrorrole=&x" => {"autoenrolsupervisor":"","mirrorrole":"","x":""}
"A=1&a=2& a=3" => {"A":"1","a":"2"," a":"3"}
"groupname=Élèves – 2024&ville=Zürich" => {"groupname":"Élèves – 2024","ville":"Zürich"}
"1=one&01=zero-one" => {"1":"one","01":"zero-one"}
bool(true)
