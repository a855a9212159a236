/* UTF-8 scanner (re2c): well-formedness per RFC 3629, code point count, control characters. */
#include "shopsetup_text.h"

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

	cont    = [\x80-\xBF];
	ascii   = [\x01-\x08\x0A-\x1E\x20-\x7E] | "\x1F";
	control = [\x00-\x08\x0A-\x1F\x7F] | "\xC2" [\x80-\x9F];
	utf8_2  = [\xC2-\xDF] cont;
	utf8_3  = "\xE0" [\xA0-\xBF] cont | [\xE1-\xEC\xEE\xEF] cont cont | "\xED" [\x80-\x9F] cont;
	utf8_4  = "\xF0" [\x90-\xBF] cont cont | [\xF1-\xF3] cont cont cont | "\xF4" [\x80-\x8F] cont cont;
*/

void shopsetup_utf8_scan(const char *s, size_t len, shopsetup_utf8_info *info)
{
	const unsigned char *start = (const unsigned char *) s;
	const unsigned char *YYCURSOR = start;
	const unsigned char *YYLIMIT = start + len;
	const unsigned char *YYMARKER = NULL;
	const unsigned char *token;

	info->valid = true;
	info->invalid_offset = 0;
	info->chars = 0;
	info->has_control = false;
	info->control_offset = 0;
	/* Printable ASCII needs no automaton: count it, and start the scanner where it ends. */
	while (YYCURSOR < YYLIMIT && *YYCURSOR >= 0x20 && *YYCURSOR < 0x7F) {
		YYCURSOR++;
	}
	info->chars = (size_t) (YYCURSOR - start);
	if (YYCURSOR == YYLIMIT) {
		return;
	}
	for (;;) {
		token = YYCURSOR;
	/*!re2c
		$ { return; }
		control {
			if (!info->has_control) {
				info->has_control = true;
				info->control_offset = (size_t) (token - start);
			}
			info->chars++;
			continue;
		}
		"\t" | [\x20-\x7E] | utf8_2 | utf8_3 | utf8_4 {
			info->chars++;
			continue;
		}
		* {
			info->valid = false;
			info->invalid_offset = (size_t) (token - start);
			return;
		}
	*/
	}
}
