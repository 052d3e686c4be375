/* test-board.c: the shared conversation board model, and attaching a
 * conversation to an escort case (consent, masking, audit, retention)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fd-board.h"
#include "fd-test-util.h"

typedef struct {
  char        *dir;
  char        *db;
  FdCaseStore *store;
  FdBoard     *board;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  f->dir = g_dir_make_tmp ("fd-board-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "cases.db", NULL);
  uri = g_strconcat ("sqlite://", f->db, NULL);
  f->store = fd_case_store_open (uri, &error);
  g_assert_no_error (error);
  fd_case_store_set_actor (f->store, "desk-3");
  /* the installed phrasebook ($FRONTDESK_DATADIR/board); no recogniser
   * (test-handwriting covers it): the board works without one */
  f->board = fd_board_new ("/nonexistent/handwriting.model", NULL);
}

static gboolean
board_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gpointer board = f->board;

  /* A finished GTask's worker may still hold the board for a moment. */
  g_object_add_weak_pointer (G_OBJECT (board), &board);
  g_object_unref (f->board);
  g_assert_true (fd_test_wait_until (board_gone, &board, 5000));
  g_clear_object (&f->store);
  fd_test_remove_sqlite (f->db);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static FdCase *
open_case (Fixture *f,
           int      age_days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) opened = g_date_time_add_days (now, -age_days);
  FdCase *c = fd_case_new ();

  fd_case_set_hall (c, "Tongzhou");
  fd_case_set_desk (c, "service desk 1");
  fd_case_set_needs (c, FD_CASE_NEED_DEAF);
  fd_case_set_language (c, "zh");
  fd_case_set_staff (c, "wang.l");
  fd_case_set_opened_at (c, opened);
  fd_case_set_notes (c, "came with her daughter");
  g_assert_true (fd_case_store_create (f->store, c, &error));
  g_assert_no_error (error);
  return c;
}

static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  GListModel *lines = fd_board_get_lines (f->board);
  FdPhrasebook *book = fd_board_get_phrasebook (f->board);
  FdPhrase *hello;
  FdBoardLine *line;

  g_assert_no_error ((GError *) fd_board_get_phrasebook_error (f->board));
  g_assert_null (fd_board_get_handwriting (f->board));
  g_assert_error ((GError *) fd_board_get_handwriting_error (f->board),
                  FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_MODEL_MISSING);
  g_assert_nonnull (book);
  g_assert_cmpuint (g_list_model_get_item_type (lines), ==, FD_TYPE_BOARD_LINE);
  g_assert_null (fd_board_add_line (f->board, FD_SPEAKER_VISITOR, FD_LANG_ZH_CN, "  \n "));
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 0);
  line = fd_board_add_line (f->board, FD_SPEAKER_VISITOR, FD_LANG_ZH_CN, "  我要办营业执照 ");
  g_assert_cmpstr (fd_board_line_get_text (line), ==, "我要办营业执照");
  g_assert_true (fd_board_get_last_line (f->board) == line);

  /* a desk phrase is said in the visitor's language */
  hello = fd_phrasebook_lookup (book, "hello");
  g_assert_nonnull (hello);
  fd_board_set_visitor_lang (f->board, FD_LANG_RU);
  line = fd_board_say_phrase (f->board, hello, 1);
  g_assert_cmpint (fd_board_line_get_lang (line), ==, FD_LANG_RU);
  g_assert_cmpint (fd_board_line_get_speaker (line), ==, FD_SPEAKER_DESK);
  g_assert_cmpstr (fd_board_line_get_text (line), ==, fd_phrase_get_text (hello, FD_LANG_RU));
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);

  /* bounded: the oldest lines leave */
  for (guint i = 0; i < FD_BOARD_MAX_LINES + 5; i++)
    fd_board_add_line (f->board, FD_SPEAKER_DESK, FD_LANG_EN, "again");
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, FD_BOARD_MAX_LINES);

  /* a new visitor: nothing left, consent withdrawn */
  fd_board_set_consent (f->board, TRUE);
  fd_board_clear (f->board);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 0);
  g_assert_false (fd_board_get_consent (f->board));
}

static void
test_attach_needs_consent (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) c = open_case (f, 0);
  g_autoptr(FdCase) got = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 id = -1;

  fd_board_add_line (f->board, FD_SPEAKER_VISITOR, FD_LANG_ZH_CN, "我的电话是13812345678");
  g_assert_false (fd_board_attach_to_case (f->board, f->store, 0, &id, &error));
  g_assert_error (error, FD_BOARD_ERROR, FD_BOARD_ERROR_NO_CONSENT);
  g_assert_cmpint (id, ==, 0);
  got = fd_case_store_get (f->store, fd_case_get_id (c), NULL);
  g_assert_cmpstr (fd_case_get_notes (got), ==, "came with her daughter");
  /* nothing was written, so nothing was audited but the creation */
  audit = fd_case_store_list_audit (f->store, fd_case_get_id (c), 0, NULL);
  g_assert_cmpuint (audit->len, ==, 1);
}

static void
test_attach_masks_and_audits (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) older = open_case (f, 1);
  g_autoptr(FdCase) c = open_case (f, 0);
  g_autoptr(FdCase) got = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const FdCaseAuditEntry *last;
  const char *notes;
  gint64 id = 0;

  fd_board_add_line (f->board, FD_SPEAKER_VISITOR, FD_LANG_ZH_CN, "身份证11010519491231002X，电话138 1234 5678");
  fd_board_add_line (f->board, FD_SPEAKER_DESK, FD_LANG_ZH_CN, "请到5号窗口");
  fd_board_set_consent (f->board, TRUE);
  g_assert_true (fd_board_attach_to_case (f->board, f->store, 0, &id, &error));
  g_assert_no_error (error);
  /* the newest open case */
  g_assert_cmpint (id, ==, fd_case_get_id (c));
  g_assert_cmpuint (fd_board_get_n_attached (f->board), ==, 2);

  got = fd_case_store_get (f->store, id, &error);
  notes = fd_case_get_notes (got);
  g_assert_true (g_str_has_prefix (notes, "came with her daughter\n\n[Conversation board, "));
  g_assert_nonnull (strstr (notes, "Visitor (zh-CN): 身份证1****************X，电话138 **** 5678\n"));
  g_assert_nonnull (strstr (notes, "Desk (zh-CN): 请到5号窗口\n"));
  g_assert_null (strstr (notes, "11010519491231002X"));
  g_assert_null (strstr (notes, "1234"));

  /* the change is audited, by field name only */
  audit = fd_case_store_list_audit (f->store, id, 0, &error);
  g_assert_cmpuint (audit->len, ==, 2);
  last = g_ptr_array_index (audit, 1);
  g_assert_cmpint (last->action, ==, FD_CASE_AUDIT_UPDATE);
  g_assert_cmpstr (last->actor, ==, "desk-3");
  g_assert_nonnull (strstr (last->detail, "notes"));
  g_assert_null (strstr (last->detail, "5678"));
  g_clear_object (&got);

  /* attaching again adds only what is new */
  g_assert_false (fd_board_attach_to_case (f->board, f->store, 0, NULL, &error));
  g_assert_error (error, FD_BOARD_ERROR, FD_BOARD_ERROR_EMPTY);
  g_clear_error (&error);
  fd_board_add_line (f->board, FD_SPEAKER_VISITOR, FD_LANG_ZH_CN, "谢谢");
  g_assert_true (fd_board_attach_to_case (f->board, f->store, fd_case_get_id (older), NULL, &error));
  got = fd_case_store_get (f->store, fd_case_get_id (older), &error);
  g_assert_nonnull (strstr (fd_case_get_notes (got), "Visitor (zh-CN): 谢谢\n"));
  g_assert_null (strstr (fd_case_get_notes (got), "5号窗口"));
}

static void
test_attach_purged (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) old = open_case (f, 100);
  g_autoptr(FdCase) got = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  FdTestAsync wait;
  gint64 id;
  guint n = 0;

  fd_board_add_line (f->board, FD_SPEAKER_VISITOR, FD_LANG_EN, "my phone is +86 13912345678");
  fd_board_set_consent (f->board, TRUE);
  fd_test_async_init (&wait);
  fd_board_attach_to_case_async (f->board, f->store, 0, NULL, fd_test_async_done, &wait);
  result = fd_test_async_wait (&wait);
  id = fd_board_attach_to_case_finish (f->board, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, fd_case_get_id (old));
  got = fd_case_store_get (f->store, id, &error);
  g_assert_nonnull (strstr (fd_case_get_notes (got), "Visitor (en): my phone is +86 139****5678"));
  g_clear_object (&got);

  /* retention: the conversation goes with the notes */
  g_assert_true (fd_case_store_purge (f->store, FD_CASE_DEFAULT_RETENTION_DAYS, FALSE, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  got = fd_case_store_get (f->store, id, &error);
  g_assert_null (fd_case_get_notes (got));
  g_assert_true (fd_case_get_purged (got));
}

static void
test_attach_no_open_case (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  FdTestAsync wait;

  fd_board_add_line (f->board, FD_SPEAKER_VISITOR, FD_LANG_EN, "hello");
  fd_board_set_consent (f->board, TRUE);
  fd_test_async_init (&wait);
  fd_board_attach_to_case_async (f->board, f->store, 0, NULL, fd_test_async_done, &wait);
  result = fd_test_async_wait (&wait);
  g_assert_cmpint (fd_board_attach_to_case_finish (f->board, result, &error), ==, 0);
  g_assert_error (error, FD_BOARD_ERROR, FD_BOARD_ERROR_NO_OPEN_CASE);
  g_assert_cmpuint (fd_board_get_n_attached (f->board), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/board/model/lines", test_lines);
  ADD ("/board/attach/needs-consent", test_attach_needs_consent);
  ADD ("/board/attach/masks-and-audits", test_attach_masks_and_audits);
  ADD ("/board/attach/purged-with-retention", test_attach_purged);
  ADD ("/board/attach/no-open-case", test_attach_no_open_case);
#undef ADD
  return g_test_run ();
}
