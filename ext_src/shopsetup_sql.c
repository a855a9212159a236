/*
 * The statements of the SQL stores (shopsetup_sql.h): built here once, run by each store's
 * connection, with its quoting and its string literals.
 */
#include "shopsetup_sql.h"
#include "shopsetup_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOPSETUP_IN_CHUNK 1000
#define SHOPSETUP_LIKE_CHUNK 250
#define SHOPSETUP_PREFIX_CHUNK 5000
#define SHOPSETUP_UPDATE_CHUNK 2000
#define SHOPSETUP_UPDATE_MAX_COLS 16
#define SHOPSETUP_RESULT_MAX_COLS 8

bool shopsetup_sql_word_is_safe(const char *text, size_t max, const char *extra)
{
	size_t len = strlen(text);
	if (len > max) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(extra, c) != NULL)) {
			return false;
		}
	}
	return true;
}

bool shopsetup_sql_prefix_is_safe(const char *prefix)
{
	return shopsetup_sql_word_is_safe(prefix, SHOPSETUP_SQL_PREFIX_MAX, "_");
}

static bool shopsetup_sql_name(const shopsetup_sql *sql, shopsetup_buf *buf, const char *name)
{
	return shopsetup_buf_printf(buf, "%c%s%c", sql->quote, name, sql->quote);
}

bool shopsetup_sql_table(const shopsetup_sql *sql, shopsetup_buf *buf, const char *table)
{
	return shopsetup_buf_printf(buf, "%c%s%s%c", sql->quote, sql->prefix, table, sql->quote);
}

static bool shopsetup_sql_string(shopsetup_sql *sql, shopsetup_buf *buf, const char *s, size_t len)
{
	return sql->ops->string(sql->conn, buf, s ? s : "", len);
}

static bool shopsetup_sql_value(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_col *value)
{
	return value->type == SHOPSETUP_COL_INT ? shopsetup_buf_append_int(buf, value->i)
		: shopsetup_sql_string(sql, buf, value->s.ptr, value->s.len);
}

/* ---- inserts ---- */

/* A sink writing multi-row INSERTs, flushed before they outgrow the statement limit. */
typedef struct {
	shopsetup_sql *sql;
	shopsetup_buf text;
	size_t header_len;
	size_t rows;       /* in the pending statement */
	const char *table;
} shopsetup_insert_sink;

static shopsetup_status shopsetup_insert_flush(shopsetup_insert_sink *ins, shopsetup_error *err)
{
	if (ins->rows == 0) {
		return SHOPSETUP_OK;
	}
	shopsetup_status status = ins->sql->ops->run(ins->sql->conn, ins->text.ptr, ins->text.len, ins->table, NULL, NULL, err);
	ins->text.len = ins->header_len;
	ins->rows = 0;
	return status;
}

static bool shopsetup_insert_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_insert_sink *ins = ctx;
	shopsetup_buf *text = &ins->text;
	if (ins->table == NULL) {
		ins->table = table;
		bool ok = shopsetup_buf_append(text, "INSERT INTO ", 12) && shopsetup_sql_table(ins->sql, text, table)
			&& shopsetup_buf_appendc(text, '(');
		for (size_t c = 0; c < ncols && ok; c++) {
			ok = (c == 0 || shopsetup_buf_appendc(text, ',')) && shopsetup_sql_name(ins->sql, text, cols[c].name);
		}
		if (!ok || !shopsetup_buf_append(text, ") VALUES ", 9)) {
			shopsetup_nomem(err);
			return false;
		}
		ins->header_len = text->len;
	}
	size_t row_start = text->len;
	bool ok = shopsetup_buf_append(text, ins->rows ? ",(" : "(", ins->rows ? 2 : 1);
	for (size_t c = 0; c < ncols && ok; c++) {
		ok = (c == 0 || shopsetup_buf_appendc(text, ',')) && shopsetup_sql_value(ins->sql, text, &cols[c]);
	}
	if (!ok || !shopsetup_buf_appendc(text, ')')) {
		shopsetup_nomem(err);
		return false;
	}
	ins->rows++;
	if (text->len <= ins->sql->statement_limit) {
		return true;
	}
	if (ins->rows == 1) {
		shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table),
			"one row needs %zu bytes, more than the server's statement size allows", text->len - ins->header_len);
		return false;
	}
	/* Send what came before this row, then start over with it. */
	size_t row_len = text->len - row_start - 1; /* without its leading comma */
	char *row = shopsetup_strndup(text->ptr + row_start + 1, row_len);
	if (row == NULL) {
		shopsetup_nomem(err);
		return false;
	}
	text->len = row_start;
	ins->rows--;
	bool sent = shopsetup_insert_flush(ins, err) == SHOPSETUP_OK && shopsetup_buf_append(text, row, row_len);
	shopsetup_free(row);
	if (sent) {
		ins->rows = 1;
	}
	return sent;
}

/* ---- lookups ---- */

typedef bool (*shopsetup_item_fn)(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_query *query, size_t i);

static bool shopsetup_sql_key(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_query *query, size_t i)
{
	return query->keys.strings == NULL ? shopsetup_buf_append_int(buf, query->keys.ints[i])
		: shopsetup_sql_string(sql, buf, query->keys.strings[i].ptr, query->keys.strings[i].len);
}

/* LIKE 'prefix%' with the prefix's own % _ \ escaped (backslash: both dialects' LIKE escape). */
static bool shopsetup_sql_like_prefix(shopsetup_sql *sql, shopsetup_buf *buf, shopsetup_slice prefix)
{
	shopsetup_buf pattern = { 0 };
	bool ok = true;
	for (size_t i = 0; i < prefix.len && ok; i++) {
		char c = prefix.ptr[i];
		ok = (c == '%' || c == '_' || c == '\\' ? shopsetup_buf_appendc(&pattern, '\\') : true) && shopsetup_buf_appendc(&pattern, c);
	}
	ok = ok && shopsetup_buf_appendc(&pattern, '%') && shopsetup_sql_string(sql, buf, pattern.ptr, pattern.len);
	shopsetup_buf_free(&pattern);
	return ok;
}

static bool shopsetup_sql_caseless_like(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_query *query, size_t i)
{
	bool ok = sql->key_caseless ? shopsetup_sql_name(sql, buf, query->key)
		: shopsetup_buf_append(buf, "LOWER(", 6) && shopsetup_sql_name(sql, buf, query->key) && shopsetup_buf_appendc(buf, ')');
	return ok && shopsetup_buf_append(buf, " LIKE ", 6) && shopsetup_sql_like_prefix(sql, buf, query->keys.strings[i]);
}

/*
 * Appends the query's keys from *next on, separated by sep, then tail: at most max keys, and no
 * more than keep the statement under the statement limit (at least one, else an error).
 * *next moves past the keys written.
 */
static shopsetup_status shopsetup_sql_items(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_query *query, size_t *next,
	size_t max, shopsetup_item_fn item, const char *sep, const char *tail, shopsetup_error *err)
{
	size_t first = *next, sep_len = strlen(sep), tail_len = strlen(tail);
	for (size_t i = first; i < query->keys.count && i - first < max; i++) {
		size_t before = buf->len;
		if ((i > first && !shopsetup_buf_append(buf, sep, sep_len)) || !item(sql, buf, query, i)) {
			return shopsetup_nomem(err);
		}
		if (buf->len + tail_len > sql->statement_limit) {
			if (i == first) {
				return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table),
					"one value needs a statement of %zu bytes, more than the server's statement size allows", buf->len + tail_len);
			}
			buf->len = before;
			break;
		}
		*next = i + 1;
	}
	return shopsetup_buf_append(buf, tail, tail_len) ? SHOPSETUP_OK : shopsetup_nomem(err);
}

/* Reads a result's rows as the query's typed columns. */
typedef struct {
	const shopsetup_query *query;
	shopsetup_found_fn on_row;
	void *ctx;
} shopsetup_select_ctx;

static shopsetup_status shopsetup_select_row(void *ctx_ptr, char *const *row, const size_t *lengths, size_t nvalues,
	shopsetup_error *err)
{
	shopsetup_select_ctx *ctx = ctx_ptr;
	const shopsetup_query *query = ctx->query;
	shopsetup_col values[SHOPSETUP_RESULT_MAX_COLS];
	if (nvalues != query->ncolumns || nvalues > SHOPSETUP_RESULT_MAX_COLS) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, query->table, strlen(query->table), "unexpected number of columns");
	}
	for (size_t c = 0; c < nvalues; c++) {
		values[c] = (shopsetup_col){ query->columns[c].name, query->columns[c].type, 0, { "", 0 } };
		if (row[c] != NULL && query->columns[c].type == SHOPSETUP_COL_INT) {
			values[c].i = strtoll(row[c], NULL, 10);
		} else if (row[c] != NULL) {
			values[c].s = (shopsetup_slice){ row[c], lengths[c] };
		}
	}
	return ctx->on_row(ctx->ctx, values, err);
}

static shopsetup_status shopsetup_select(shopsetup_sql *sql, const shopsetup_buf *text, const shopsetup_query *query,
	shopsetup_found_fn on_row, void *ctx, shopsetup_error *err)
{
	shopsetup_select_ctx select = { query, on_row, ctx };
	return sql->ops->run(sql->conn, text->ptr, text->len, query->table, shopsetup_select_row, &select, err);
}

/* SELECT <columns> FROM <table> WHERE <conditions>, the head of every lookup. */
static bool shopsetup_sql_select_head(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_query *query)
{
	bool ok = shopsetup_buf_append(buf, "SELECT ", 7);
	for (size_t c = 0; c < query->ncolumns && ok; c++) {
		ok = (c == 0 || shopsetup_buf_append(buf, ", ", 2)) && shopsetup_sql_name(sql, buf, query->columns[c].name);
	}
	ok = ok && shopsetup_buf_append(buf, " FROM ", 6) && shopsetup_sql_table(sql, buf, query->table)
		&& shopsetup_buf_append(buf, " WHERE 1 = 1", 12);
	for (size_t c = 0; c < query->nconditions && ok; c++) {
		ok = shopsetup_buf_append(buf, " AND ", 5) && shopsetup_sql_name(sql, buf, query->conditions[c].name)
			&& shopsetup_buf_append(buf, " = ", 3) && shopsetup_sql_value(sql, buf, &query->conditions[c]);
	}
	return ok;
}

/* Characters of a UTF-8 string: its bytes that do not continue a sequence. */
static size_t shopsetup_sql_chars(shopsetup_slice s)
{
	size_t n = 0;
	for (size_t i = 0; i < s.len; i++) {
		n += ((unsigned char) s.ptr[i] & 0xC0) != 0x80;
	}
	return n;
}

typedef struct {
	size_t chars;
	size_t key;
} shopsetup_sql_prefix_key;

static int shopsetup_sql_prefix_cmp(const void *a, const void *b)
{
	const shopsetup_sql_prefix_key *x = a, *y = b;
	return x->chars != y->chars ? (x->chars < y->chars ? -1 : 1) : (x->key < y->key ? -1 : x->key > y->key);
}

/*
 * Case-insensitive prefixes as equalities, for a server that has no index on the lower-cased
 * column: "left(LOWER(col), n) IN (the keys of n characters)" for each length n, so that one scan
 * looks each row up in a hash of the keys instead of matching every LIKE pattern against it.
 */
static shopsetup_status shopsetup_sql_find_prefixes(shopsetup_sql *sql, shopsetup_buf *text, const shopsetup_query *query,
	shopsetup_found_fn on_row, void *ctx, shopsetup_error *err)
{
	size_t count = query->keys.count, head_len = text->len;
	shopsetup_sql_prefix_key *keys = shopsetup_malloc((count + 1) * sizeof(*keys));
	if (keys == NULL) {
		return shopsetup_nomem(err);
	}
	for (size_t i = 0; i < count; i++) {
		keys[i] = (shopsetup_sql_prefix_key){ shopsetup_sql_chars(query->keys.strings[i]), i };
	}
	qsort(keys, count, sizeof(*keys), shopsetup_sql_prefix_cmp);
	shopsetup_status status = SHOPSETUP_OK;
	for (size_t next = 0; next < count && status == SHOPSETUP_OK;) {
		text->len = head_len;
		size_t first = next;
		bool ok = true;
		for (; next < count && next - first < SHOPSETUP_PREFIX_CHUNK && ok; next++) {
			size_t before = text->len;
			bool opens = next == first || keys[next].chars != keys[next - 1].chars;
			if (opens) {
				ok = (next == first || shopsetup_buf_append(text, ") OR ", 5))
					&& shopsetup_buf_printf(text, "left(LOWER(%c%s%c), %zu) IN (", sql->quote, query->key, sql->quote, keys[next].chars);
			} else {
				ok = shopsetup_buf_appendc(text, ',');
			}
			ok = ok && shopsetup_sql_string(sql, text, query->keys.strings[keys[next].key].ptr, query->keys.strings[keys[next].key].len);
			if (ok && text->len + 2 > sql->statement_limit && next > first) {
				text->len = before;
				break;
			}
		}
		if (!ok || !shopsetup_buf_append(text, "))", 2)) {
			status = shopsetup_nomem(err);
		} else {
			status = shopsetup_select(sql, text, query, on_row, ctx, err);
		}
	}
	shopsetup_free(keys);
	return status;
}

shopsetup_status shopsetup_sql_find(shopsetup_sql *sql, const shopsetup_query *query, shopsetup_found_fn on_row, void *ctx,
	shopsetup_error *err)
{
	shopsetup_buf text = { 0 };
	shopsetup_status status = SHOPSETUP_OK;
	if (query->match == SHOPSETUP_MATCH_CASELESS_PREFIX) {
		status = sql->ops->caseless(sql->conn, query->table, query->key, &sql->key_caseless, err);
	}
	bool ok = status == SHOPSETUP_OK && shopsetup_sql_select_head(sql, &text, query);
	if (ok && query->match == SHOPSETUP_MATCH_EQUAL) {
		ok = shopsetup_buf_append(&text, " AND ", 5) && shopsetup_sql_name(sql, &text, query->key)
			&& shopsetup_buf_append(&text, " IN (", 5);
	} else if (ok && query->match == SHOPSETUP_MATCH_CASELESS_PREFIX) {
		ok = shopsetup_buf_append(&text, " AND (", 6);
	} else if (ok && query->match == SHOPSETUP_MATCH_BELOW) {
		ok = shopsetup_buf_append(&text, " AND ", 5) && shopsetup_sql_name(sql, &text, query->key)
			&& shopsetup_buf_append(&text, " < ", 3);
	}
	if (status == SHOPSETUP_OK && !ok) {
		status = shopsetup_nomem(err);
	}
	size_t head_len = text.len;
	if (status == SHOPSETUP_OK && query->match == SHOPSETUP_MATCH_CASELESS_PREFIX && !sql->key_caseless && sql->prefix_by_length) {
		status = shopsetup_sql_find_prefixes(sql, &text, query, on_row, ctx, err);
		shopsetup_buf_free(&text);
		return status;
	}
	if (status == SHOPSETUP_OK && query->match == SHOPSETUP_MATCH_NONE) {
		status = shopsetup_select(sql, &text, query, on_row, ctx, err);
		shopsetup_buf_free(&text);
		return status;
	}
	size_t max = query->match == SHOPSETUP_MATCH_EQUAL ? (sql->in_chunk ? sql->in_chunk : SHOPSETUP_IN_CHUNK)
		: query->match == SHOPSETUP_MATCH_CASELESS_PREFIX ? SHOPSETUP_LIKE_CHUNK : 1;
	shopsetup_item_fn item = query->match == SHOPSETUP_MATCH_CASELESS_PREFIX ? shopsetup_sql_caseless_like : shopsetup_sql_key;
	const char *sep = query->match == SHOPSETUP_MATCH_CASELESS_PREFIX ? " OR " : ",";
	const char *tail = query->match == SHOPSETUP_MATCH_BELOW ? "" : ")";
	for (size_t next = 0; next < query->keys.count && status == SHOPSETUP_OK;) {
		text.len = head_len;
		if ((status = shopsetup_sql_items(sql, &text, query, &next, max, item, sep, tail, err)) == SHOPSETUP_OK) {
			status = shopsetup_select(sql, &text, query, on_row, ctx, err);
		}
	}
	shopsetup_buf_free(&text);
	return status;
}

typedef struct {
	shopsetup_key_fn on_key;
	void *ctx;
	size_t count;
} shopsetup_key_ctx;

static shopsetup_status shopsetup_found_key(void *ctx_ptr, const shopsetup_col *row, shopsetup_error *err)
{
	shopsetup_key_ctx *ctx = ctx_ptr;
	if (row[0].i < 0 || (size_t) row[0].i >= ctx->count) {
		return shopsetup_error_set(err, SHOPSETUP_E_DB, 0, "find keys", 9, "the server returned a key that was not asked");
	}
	return ctx->on_key(ctx->ctx, (size_t) row[0].i, err);
}

static bool shopsetup_sql_union_key(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_query *query, size_t i)
{
	return shopsetup_buf_printf(buf, " UNION ALL SELECT %zu, ", i) && shopsetup_sql_key(sql, buf, query, i);
}

static bool shopsetup_sql_values_key(shopsetup_sql *sql, shopsetup_buf *buf, const shopsetup_query *query, size_t i)
{
	return shopsetup_buf_printf(buf, ", (%zu, ", i) && shopsetup_sql_key(sql, buf, query, i) && shopsetup_buf_appendc(buf, ')');
}

/*
 * The keys that the column's comparison holds equal to a stored value: the keys as a derived
 * table joined on the column, so that the server compares them as it compares the column.
 */
shopsetup_status shopsetup_sql_find_keys(shopsetup_sql *sql, const shopsetup_query *query, shopsetup_key_fn on_key, void *ctx,
	shopsetup_error *err)
{
	static const shopsetup_column index_column[] = { { "i", SHOPSETUP_COL_INT, 0 } };
	shopsetup_query result = { query->table, index_column, 1, NULL, 0, NULL, SHOPSETUP_MATCH_NONE, { 0 } };
	shopsetup_buf head = { 0 }, tail = { 0 }, text = { 0 };
	bool ok = shopsetup_buf_printf(&head, "SELECT DISTINCT n.i FROM (%s", query->keys.strings ? sql->keys_seed : sql->int_keys_seed)
		&& shopsetup_buf_append(&tail, sql->values_keys ? ") AS n(i, k) JOIN " : ") AS n JOIN ", sql->values_keys ? 18 : 12)
		&& shopsetup_sql_table(sql, &tail, query->table)
		&& shopsetup_buf_append(&tail, " t ON t.", 8) && shopsetup_sql_name(sql, &tail, query->key)
		&& shopsetup_buf_append(&tail, " = n.k", 6);
	for (size_t c = 0; c < query->nconditions && ok; c++) {
		ok = shopsetup_buf_append(&tail, " AND t.", 7) && shopsetup_sql_name(sql, &tail, query->conditions[c].name)
			&& shopsetup_buf_append(&tail, " = ", 3) && shopsetup_sql_value(sql, &tail, &query->conditions[c]);
	}
	ok = ok && shopsetup_buf_append(&tail, " WHERE n.i >= 0", 15);
	shopsetup_status status = ok ? SHOPSETUP_OK : shopsetup_nomem(err);
	shopsetup_key_ctx keys = { on_key, ctx, query->keys.count };
	for (size_t next = 0; next < query->keys.count && status == SHOPSETUP_OK;) {
		text.len = 0;
		if (!shopsetup_buf_append(&text, head.ptr, head.len)) {
			status = shopsetup_nomem(err);
		} else if ((status = shopsetup_sql_items(sql, &text, query, &next, sql->in_chunk ? sql->in_chunk : SHOPSETUP_IN_CHUNK,
				sql->values_keys ? shopsetup_sql_values_key : shopsetup_sql_union_key, "", tail.ptr, err)) == SHOPSETUP_OK) {
			status = shopsetup_select(sql, &text, &result, shopsetup_found_key, &keys, err);
		}
	}
	shopsetup_buf_free(&head);
	shopsetup_buf_free(&tail);
	shopsetup_buf_free(&text);
	return status;
}

/* ---- updates ---- */

/*
 * A sink turning rows keyed by id into "UPDATE ... SET col = CASE id WHEN .. THEN .. END ...
 * WHERE id IN (...)", a few hundred rows per statement.
 */
typedef struct {
	shopsetup_sql *sql;
	const char *table;
	const char *names[SHOPSETUP_UPDATE_MAX_COLS];
	size_t ncols;                /* without id */
	shopsetup_vec values;        /* shopsetup_col: id, then ncols values, per pending row */
	shopsetup_pool strings;
	size_t rows;
	size_t bytes;                /* of the pending statement, at most */
} shopsetup_update_sink;

static size_t shopsetup_update_value_bytes(const shopsetup_col *value)
{
	return sizeof(" WHEN  THEN ") + SHOPSETUP_INT_DIGITS_MAX + (value->type == SHOPSETUP_COL_INT ? SHOPSETUP_INT_DIGITS_MAX : 2 * value->s.len + 3);
}

/* UPDATE ... SET col = CASE id WHEN .. THEN .. END ... WHERE id IN (...) */
static bool shopsetup_update_case(shopsetup_update_sink *up, shopsetup_buf *text)
{
	const shopsetup_col *v = up->values.items;
	size_t stride = up->ncols + 1;
	bool ok = shopsetup_buf_append(text, "UPDATE ", 7) && shopsetup_sql_table(up->sql, text, up->table)
		&& shopsetup_buf_append(text, " SET ", 5);
	for (size_t c = 0; c < up->ncols && ok; c++) {
		ok = (c == 0 || shopsetup_buf_append(text, ", ", 2)) && shopsetup_sql_name(up->sql, text, up->names[c])
			&& shopsetup_buf_append(text, " = CASE id", 10);
		for (size_t r = 0; r < up->rows && ok; r++) {
			ok = shopsetup_buf_printf(text, " WHEN %lld THEN ", (long long) v[r * stride].i)
				&& shopsetup_sql_value(up->sql, text, &v[r * stride + 1 + c]);
		}
		ok = ok && shopsetup_buf_append(text, " END", 4);
	}
	ok = ok && shopsetup_buf_append(text, " WHERE id IN (", 14);
	for (size_t r = 0; r < up->rows && ok; r++) {
		ok = shopsetup_buf_printf(text, "%s%lld", r ? "," : "", (long long) v[r * stride].i);
	}
	return ok && shopsetup_buf_appendc(text, ')');
}

/* UPDATE t SET col = v.col ... FROM (VALUES (id, ..), ...) AS v(id, ...) WHERE t.id = v.id: a join, not a CASE per row */
static bool shopsetup_update_values(shopsetup_update_sink *up, shopsetup_buf *text)
{
	const shopsetup_col *v = up->values.items;
	size_t stride = up->ncols + 1;
	bool ok = shopsetup_buf_append(text, "UPDATE ", 7) && shopsetup_sql_table(up->sql, text, up->table)
		&& shopsetup_buf_append(text, " AS t SET ", 10);
	for (size_t c = 0; c < up->ncols && ok; c++) {
		ok = (c == 0 || shopsetup_buf_append(text, ", ", 2)) && shopsetup_sql_name(up->sql, text, up->names[c])
			&& shopsetup_buf_append(text, " = v.", 5) && shopsetup_sql_name(up->sql, text, up->names[c]);
	}
	ok = ok && shopsetup_buf_append(text, " FROM (VALUES ", 14);
	for (size_t r = 0; r < up->rows && ok; r++) {
		ok = shopsetup_buf_printf(text, "%s(%lld", r ? ", " : "", (long long) v[r * stride].i);
		for (size_t c = 0; c < up->ncols && ok; c++) {
			ok = shopsetup_buf_appendc(text, ',') && shopsetup_sql_value(up->sql, text, &v[r * stride + 1 + c]);
		}
		ok = ok && shopsetup_buf_appendc(text, ')');
	}
	ok = ok && shopsetup_buf_append(text, ") AS v(id", 9);
	for (size_t c = 0; c < up->ncols && ok; c++) {
		ok = shopsetup_buf_appendc(text, ',') && shopsetup_sql_name(up->sql, text, up->names[c]);
	}
	return ok && shopsetup_buf_append(text, ") WHERE t.id = v.id", 19);
}

static shopsetup_status shopsetup_update_flush(shopsetup_update_sink *up, shopsetup_error *err)
{
	if (up->rows == 0) {
		return SHOPSETUP_OK;
	}
	shopsetup_buf text = { 0 };
	bool ok = up->sql->update_from_values ? shopsetup_update_values(up, &text) : shopsetup_update_case(up, &text);
	shopsetup_status status = ok ? up->sql->ops->run(up->sql->conn, text.ptr, text.len, up->table, NULL, NULL, err) : shopsetup_nomem(err);
	shopsetup_buf_free(&text);
	up->rows = 0;
	up->values.count = 0;
	up->bytes = 0;
	return status;
}

static bool shopsetup_update_row(void *ctx, const char *table, const shopsetup_col *cols, size_t ncols, shopsetup_error *err)
{
	shopsetup_update_sink *up = ctx;
	const shopsetup_col *id = NULL;
	size_t n = 0, bytes = sizeof("UPDATE `` SET  WHERE id IN ()") + SHOPSETUP_SQL_PREFIX_MAX + strlen(table) + SHOPSETUP_INT_DIGITS_MAX + 1;
	for (size_t c = 0; c < ncols; c++) {
		if (strcmp(cols[c].name, "id") == 0) {
			id = &cols[c];
			continue;
		}
		if (n == SHOPSETUP_UPDATE_MAX_COLS || (up->rows > 0 && (n >= up->ncols || strcmp(up->names[n], cols[c].name) != 0))) {
			shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "cannot batch an update of column %s", cols[c].name);
			return false;
		}
		up->names[n++] = cols[c].name;
		bytes += sizeof(", `` = CASE id END") + strlen(cols[c].name) + shopsetup_update_value_bytes(&cols[c]);
	}
	if (id == NULL || id->type != SHOPSETUP_COL_INT || (up->rows > 0 && n != up->ncols)) {
		shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "an update needs the row's id and the same columns as the others");
		return false;
	}
	up->table = table;
	up->ncols = n;
	if (up->bytes + bytes > up->sql->statement_limit) {
		if (up->rows == 0) {
			shopsetup_error_set(err, SHOPSETUP_E_DB, 0, table, strlen(table), "one row needs more than the server's statement size allows");
			return false;
		}
		if (shopsetup_update_flush(up, err) != SHOPSETUP_OK) {
			return false;
		}
	}
	up->bytes += bytes;
	shopsetup_col *slot = shopsetup_vec_push(&up->values);
	if (slot != NULL) {
		*slot = *id;
	}
	for (size_t c = 0; slot != NULL && c < ncols; c++) {
		if (&cols[c] == id) {
			continue;
		}
		slot = shopsetup_vec_push(&up->values);
		if (slot != NULL) {
			*slot = cols[c];
			if (cols[c].type == SHOPSETUP_COL_STR) {
				slot->s.ptr = shopsetup_pool_dup(&up->strings, cols[c].s.ptr ? cols[c].s.ptr : "", cols[c].s.len);
				slot = slot->s.ptr ? slot : NULL;
			}
		}
	}
	if (slot == NULL) {
		shopsetup_nomem(err);
		return false;
	}
	if (++up->rows == SHOPSETUP_UPDATE_CHUNK) {
		return shopsetup_update_flush(up, err) == SHOPSETUP_OK;
	}
	return true;
}

/* ---- sinks ---- */

typedef struct {
	union {
		shopsetup_insert_sink insert;
		shopsetup_update_sink update;
	} as;
	shopsetup_write kind;
} shopsetup_sql_sink;

shopsetup_status shopsetup_sql_open(shopsetup_sql *sql, shopsetup_write kind, const char *table, shopsetup_sink *sink,
	shopsetup_error *err)
{
	shopsetup_sql_sink *out = shopsetup_calloc(1, sizeof(*out));
	if (out == NULL) {
		return shopsetup_nomem(err);
	}
	out->kind = kind;
	if (kind == SHOPSETUP_WRITE_INSERT) {
		out->as.insert.sql = sql;
		*sink = (shopsetup_sink){ shopsetup_insert_row, &out->as.insert };
	} else {
		out->as.update.sql = sql;
		out->as.update.table = table;
		shopsetup_vec_init(&out->as.update.values, sizeof(shopsetup_col));
		*sink = (shopsetup_sink){ shopsetup_update_row, &out->as.update };
	}
	/* the union is the struct's first member: ctx is the struct itself */
	sink->ctx = out;
	return SHOPSETUP_OK;
}

shopsetup_status shopsetup_sql_close(shopsetup_sink *sink, shopsetup_status status, shopsetup_error *err)
{
	shopsetup_sql_sink *out = sink->ctx;
	if (out->kind == SHOPSETUP_WRITE_INSERT) {
		if (status == SHOPSETUP_OK) {
			status = shopsetup_insert_flush(&out->as.insert, err);
		}
		shopsetup_buf_free(&out->as.insert.text);
	} else {
		if (status == SHOPSETUP_OK) {
			status = shopsetup_update_flush(&out->as.update, err);
		}
		shopsetup_vec_free(&out->as.update.values);
		shopsetup_pool_free(&out->as.update.strings);
	}
	shopsetup_free(out);
	return status;
}
