/* Email validation lexer (re2c). Placeholder until the real lexer lands. */
#include "shopsetup_text.h"
#include <string.h>

bool shopsetup_email_is_valid(const char *s, size_t len)
{
	const unsigned char *YYCURSOR = (const unsigned char *) s, *YYLIMIT = YYCURSOR + len, *YYMARKER = NULL;
	(void) YYMARKER;
	/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:flags:input = custom;
	re2c:api:style = free-form;
	re2c:define:YYPEEK = "(YYCURSOR < YYLIMIT ? *YYCURSOR : 0)";
	re2c:define:YYSKIP = "++YYCURSOR;";
	re2c:define:YYBACKUP = "YYMARKER = YYCURSOR;";
	re2c:define:YYRESTORE = "YYCURSOR = YYMARKER;";
	re2c:define:YYLESSTHAN = "YYCURSOR >= YYLIMIT";
	re2c:yyfill:enable = 0;
	re2c:eof = 0;
	$ { return false; }
	[a-z0-9.]+ "@" [a-z0-9.]+ { return YYCURSOR == YYLIMIT; }
	* { return false; }
	*/
}

size_t shopsetup_email_normalize(const char *s, size_t len, char *out)
{
	shopsetup_slice t = shopsetup_trim((shopsetup_slice){ s, len });
	for (size_t i = 0; i < t.len; i++) {
		char c = t.ptr[i];
		out[i] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
	}
	return t.len;
}
