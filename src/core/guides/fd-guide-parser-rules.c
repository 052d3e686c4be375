/* fd-guide-parser-rules.c: what each element of a guide may hold (docs/guide-format.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Called by the GMarkup callbacks of fd-guide-parser.c: each start tag is
 * checked and written into the FdGuide at once; the end of the root runs
 * the checks that need the whole file.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-parser-private.h"

static const char * const root_children[E_N_ROOT_CHILDREN] = {
  [E_CODE] = "code", [E_PHONE] = "phone", [E_NAME] = "name", [E_DEPARTMENT] = "department",
  [E_KEYWORDS] = "keywords", [E_DESCRIPTION] = "description", [E_RESULT] = "result",
  [E_COMPLAINT] = "complaint", [E_BASIS] = "basis",
  [E_ELIGIBILITY] = "eligibility", [E_MATERIALS] = "materials", [E_STEPS] = "steps",
  [E_TIME_LIMIT] = "time-limit", [E_FEE] = "fee", [E_LOCATION] = "location",
  [E_ONLINE] = "online", [E_FAQ] = "faq", [E_MATTERS] = "matters",
};

/* Values */

gboolean
fd_guide_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *s = id; *s != '\0'; s++)
    if (!(g_ascii_islower (*s) || g_ascii_isdigit (*s) || *s == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_uint (const char *str,
            guint       max,
            guint      *out)
{
  guint64 value;

  if (str == NULL || !g_ascii_string_to_unsigned (str, 10, 0, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static const char *
attr (const char **names,
      const char **values,
      const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

/* Text with ASCII whitespace runs collapsed to one space and trimmed. Runs
 * of bytes above ' ' (every byte of a multi-byte character is) are copied
 * whole: texts are most of a file's bytes. */
static char *
collapse (const GString *text)
{
  char *out = g_malloc (text->len + 1);
  char *o = out;
  const guchar *s = (const guchar *) text->str, *end = s + text->len;
  gboolean space = FALSE;

  while (s < end)
    {
      const guchar *run = s;

      if (*s <= ' ' && g_ascii_isspace (*s))
        {
          space = TRUE;
          s++;
          continue;
        }
      s++;      /* a control character below ' ' is kept, as one */
      while (s < end && *s > ' ')
        s++;
      if (space && o > out)
        *o++ = ' ';
      space = FALSE;
      memcpy (o, run, s - run);
      o += s - run;
    }
  *o = '\0';
  return out;
}

static char **
split_words (const char *value)
{
  char **words = g_strsplit_set (value != NULL ? value : "", " \t\n", -1);
  guint w = 0;

  for (guint r = 0; words[r] != NULL; r++)
    {
      if (*words[r] == '\0')
        g_free (words[r]);
      else
        words[w++] = words[r];
    }
  words[w] = NULL;
  return words;
}

/* Elements */

enum { LANG_SOURCE = -1, LANG_IGNORED = -2 };

/* The language of a text element: LANG_SOURCE without xml:lang,
 * LANG_IGNORED for a language we do not show (and for zh, the source
 * language), else the FdLang. */
static int
element_lang (Parser      *p,
              const char **names,
              const char **values)
{
  const char *value = attr (names, values, "xml:lang");
  FdLang lang;

  if (value == NULL)
    return LANG_SOURCE;
  p->has_translations = TRUE;
  /* the two tags msgfmt writes, without fd_lang_from_string()'s copy */
  if (value[0] == 'e' && value[1] == 'n' && value[2] == '\0')
    return FD_LANG_EN;
  if (value[0] == 'r' && value[1] == 'u' && value[2] == '\0')
    return FD_LANG_RU;
  if (!fd_lang_from_string (value, &lang) || lang == FD_LANG_ZH_CN)
    return LANG_IGNORED;
  return (int) lang;
}

gboolean
_fd_parser_start_root (Parser      *p,
                       const Open  *at,
                       const char  *name,
                       const char **names,
                       const char **values)
{
  static const struct { const char *key; FdGuideType type; } types[] = {
    { "permit", FD_GUIDE_TYPE_PERMIT }, { "confirmation", FD_GUIDE_TYPE_CONFIRMATION },
    { "registration", FD_GUIDE_TYPE_REGISTRATION }, { "payment", FD_GUIDE_TYPE_PAYMENT },
    { "public-service", FD_GUIDE_TYPE_PUBLIC_SERVICE }, { "other", FD_GUIDE_TYPE_OTHER },
  };
  FdGuide *self = p->guide;
  const char *id = attr (names, values, "id");
  const char *category = attr (names, values, "category");
  const char *type = attr (names, values, "type");
  const char *visits = attr (names, values, "visits");
  const char *extended = attr (names, values, "extended");

  if (g_str_equal (name, "matter"))
    self->kind = FD_GUIDE_KIND_MATTER;
  else if (g_str_equal (name, "package"))
    self->kind = FD_GUIDE_KIND_PACKAGE;
  else
    {
      ERROR_AT (p, at, "the root element must be <matter> or <package>, not <%s>", name);
      return FALSE;
    }
  p->stack[1].name = self->kind == FD_GUIDE_KIND_MATTER ? "matter" : "package";

  if (!fd_guide_id_is_valid (id))
    ERROR_AT (p, at, "id=\"%s\" must be ASCII [a-z0-9-]+", id != NULL ? id : "");
  self->id = g_strdup (id != NULL ? id : "");
  if (!fd_guide_id_is_valid (category))
    ERROR_AT (p, at, "category=\"%s\" must be a category key [a-z0-9-]+", category != NULL ? category : "");
  self->category = g_strdup (category != NULL ? category : "");

  self->type = FD_GUIDE_TYPE_OTHER;
  if (type == NULL && self->kind == FD_GUIDE_KIND_MATTER)
    ERROR_AT (p, at, "a <matter> needs type= (permit, confirmation, registration, payment, public-service or other)");
  else if (type != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (types) && !found; i++)
        if (g_str_equal (type, types[i].key))
          {
            self->type = types[i].type;
            found = TRUE;
          }
      if (!found)
        ERROR_AT (p, at, "type=\"%s\" must be permit, confirmation, registration, payment, public-service or other", type);
    }

  self->visits = 1;
  if (visits != NULL && !parse_uint (visits, 1, &self->visits))
    ERROR_AT (p, at, "visits=\"%s\" must be 0 or 1", visits);

  if (extended != NULL)
    {
      g_auto(GStrv) words = split_words (extended);

      for (guint i = 0; words[i] != NULL; i++)
        if (g_str_equal (words[i], "morning"))
          self->extended |= FD_EXTENDED_MORNING;
        else if (g_str_equal (words[i], "evening"))
          self->extended |= FD_EXTENDED_EVENING;
        else if (g_str_equal (words[i], "saturday"))
          self->extended |= FD_EXTENDED_SATURDAY;
        else
          ERROR_AT (p, at, "extended=\"%s\": unknown list \"%s\" (morning, evening, saturday)", extended, words[i]);
    }
  return TRUE;
}

/* A single translatable text (<name>, <place>, material <note>...). */
static void
start_single (Parser     *p,
              const Open *at,
              FdText     *text,
              gboolean   *seen,
              int         lang,
              const char *parent)
{
  p->target = NULL;
  p->is_source = lang == LANG_SOURCE;
  if (lang == LANG_SOURCE)
    {
      if (*seen)
        ERROR_AT (p, at, "<%s> may appear only once in <%s>", at->name, parent);
      else
        p->target = &text->s[FD_LANG_ZH_CN];
      *seen = TRUE;
    }
  else if (lang >= 0)
    {
      if (!*seen)
        ERROR_AT (p, at, "<%s xml:lang=\"%s\"> has no Chinese source element before it",
                  at->name, fd_lang_to_code ((FdLang) lang));
      else
        p->target = &text->s[lang];
    }
}

/* A repeated translatable text (<basis>, <item>, <step>, <q>, <a>).
 * Returns the source text it starts, or NULL. */
static FdText *
start_multi (Parser     *p,
             const Open *at,
             GArray     *array,
             int         lang)
{
  p->target = NULL;
  p->is_source = lang == LANG_SOURCE;
  if (lang == LANG_SOURCE)
    {
      FdText text = { { NULL }, FALSE };

      if (array->len >= FD_GUIDE_MAX_ITEMS)
        {
          ERROR_AT (p, at, "more than %u <%s> elements", FD_GUIDE_MAX_ITEMS, at->name);
          return NULL;
        }
      g_array_append_val (array, text);
      p->target = &g_array_index (array, FdText, array->len - 1).s[FD_LANG_ZH_CN];
      return &g_array_index (array, FdText, array->len - 1);
    }
  if (lang >= 0)
    {
      if (array->len == 0)
        ERROR_AT (p, at, "<%s xml:lang=\"%s\"> has no Chinese source element before it",
                  at->name, fd_lang_to_code ((FdLang) lang));
      else
        p->target = &g_array_index (array, FdText, array->len - 1).s[lang];
    }
  return NULL;
}

static Elem
child_elem (Elem         parent,
            const char  *name,
            FdGuideKind  kind)
{
  switch (parent)
    {
    case E_ROOT:
      for (Elem e = E_CODE; e < E_N_ROOT_CHILDREN; e++)
        if (g_str_equal (name, root_children[e]))
          return e == E_MATTERS && kind != FD_GUIDE_KIND_PACKAGE ? E_NONE : e;
      return E_NONE;
    case E_ELIGIBILITY:
    case E_FEE:
      return g_str_equal (name, "item") ? E_ITEM : E_NONE;
    case E_STEPS:
      return g_str_equal (name, "step") ? E_STEP : E_NONE;
    case E_MATERIALS:
      return g_str_equal (name, "material") ? E_MATERIAL : E_NONE;
    case E_LOCATION:
      return g_str_equal (name, "place") ? E_PLACE : E_NONE;
    case E_ONLINE:
      return g_str_equal (name, "channel") ? E_CHANNEL : E_NONE;
    case E_FAQ:
      return g_str_equal (name, "q") ? E_Q : g_str_equal (name, "a") ? E_A : E_NONE;
    case E_MATTERS:
      return g_str_equal (name, "matter") ? E_MATTER_REF : E_NONE;
    case E_MATERIAL:
      return g_str_equal (name, "name") ? E_M_NAME : g_str_equal (name, "note") ? E_M_NOTE : E_NONE;
    default:
      return E_NONE;
    }
}

static gboolean
is_translatable (Elem elem)
{
  return (elem >= E_NAME && elem <= E_BASIS) || elem == E_ITEM || elem == E_STEP || elem == E_PLACE ||
         elem == E_CHANNEL || elem == E_Q || elem == E_A || elem == E_M_NAME || elem == E_M_NOTE;
}

static void
start_container (Parser      *p,
                 const Open  *at,
                 Elem         elem,
                 const char **names,
                 const char **values)
{
  FdGuide *self = p->guide;

  switch (elem)
    {
    case E_TIME_LIMIT:
      {
        const char *statutory = attr (names, values, "statutory");
        const char *unit = attr (names, values, "statutory-unit");
        const char *promised = attr (names, values, "promised");

        self->has_time_limit = TRUE;
        /* statutory is optional: absent means no rule sets a limit */
        self->has_statutory = statutory != NULL;
        if (statutory != NULL && !parse_uint (statutory, 3650, &self->statutory))
          ERROR_AT (p, at, "statutory=\"%s\" must be a number of days", statutory);
        if (unit == NULL || g_str_equal (unit, "working-days"))
          self->statutory_unit = FD_DAYS_WORKING;
        else if (g_str_equal (unit, "calendar-days"))
          self->statutory_unit = FD_DAYS_CALENDAR;
        else
          ERROR_AT (p, at, "statutory-unit=\"%s\" must be working-days or calendar-days", unit);
        if (unit != NULL && statutory == NULL)
          ERROR_AT (p, at, "statutory-unit= without statutory=");
        if (!parse_uint (promised, 3650, &self->promised))
          ERROR_AT (p, at, "promised=\"%s\" must be a number of working days", promised != NULL ? promised : "");
        else if (self->has_statutory && self->statutory > 0 && self->promised > self->statutory)
          /* a working day is never shorter than a calendar day, so this
           * also holds for a statutory limit in calendar days */
          ERROR_AT (p, at, "promised (%u) exceeds statutory (%u)", self->promised, self->statutory);
        break;
      }
    case E_FEE:
      {
        const char *free_attr = attr (names, values, "free");

        self->fee_free = g_strcmp0 (free_attr, "true") == 0;
        if (free_attr != NULL && !self->fee_free && !g_str_equal (free_attr, "false"))
          ERROR_AT (p, at, "free=\"%s\" must be true or false", free_attr);
        break;
      }
    case E_LOCATION:
      self->windows = split_words (attr (names, values, "windows"));
      break;
    case E_ONLINE:
      {
        const char *url = attr (names, values, "url");

        if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) &&
            g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
          self->online_url = g_strdup (url);
        else if (url != NULL)
          ERROR_AT (p, at, "url=\"%s\" must be an http(s) URL", url);
        break;
      }
    case E_MATTERS:
      p->refs = g_ptr_array_new ();
      break;
    case E_FAQ:
      p->qs = g_array_new (FALSE, TRUE, sizeof (FdText));
      p->as = g_array_new (FALSE, TRUE, sizeof (FdText));
      break;
    case E_MATERIAL:
      {
        const char *form = attr (names, values, "form");
        const char *quantity = attr (names, values, "quantity");

        fd_guide_clear_material (&p->material);
        memset (&p->material, 0, sizeof p->material);
        p->material.quantity = 1;
        p->material_has_name = p->material_has_note = FALSE;
        if (form == NULL || g_str_equal (form, "original"))
          p->material.form = FD_MATERIAL_ORIGINAL;
        else if (g_str_equal (form, "copy"))
          p->material.form = FD_MATERIAL_COPY;
        else if (g_str_equal (form, "electronic"))
          p->material.form = FD_MATERIAL_ELECTRONIC;
        else if (g_str_equal (form, "original copy"))
          p->material.form = FD_MATERIAL_ORIGINAL_AND_COPY;
        else
          ERROR_AT (p, at, "form=\"%s\" must be original, copy, \"original copy\" or electronic", form);
        if (quantity != NULL && (!parse_uint (quantity, 1000, &p->material.quantity) || p->material.quantity == 0))
          {
            ERROR_AT (p, at, "quantity=\"%s\" must be a whole number from 1", quantity);
            p->material.quantity = 1;
          }
        break;
      }
    case E_MATTER_REF:
      {
        const char *ref = attr (names, values, "ref");

        if (!fd_guide_id_is_valid (ref))
          ERROR_AT (p, at, "<matter ref=\"%s\"> must name a matter id", ref != NULL ? ref : "");
        else if (p->refs->len >= FD_GUIDE_MAX_ITEMS)
          ERROR_AT (p, at, "more than %u bundled matters", FD_GUIDE_MAX_ITEMS);
        else
          g_ptr_array_add (p->refs, g_strdup (ref));
        break;
      }
    default:
      break;
    }
}

/* Sets the flag of status="unverified" (source elements only). */
static void
read_status (Parser      *p,
             const Open  *at,
             Elem         elem,
             int          lang,
             FdText      *text,
             const char **names,
             const char **values)
{
  const char *status = attr (names, values, "status");
  FdGuide *self = p->guide;

  if (status == NULL)
    return;
  if (elem == E_MATTER_REF || !fd_guide_status_allowed (at->name))
    {
      ERROR_AT (p, at, "status= is allowed only on <basis>, <time-limit>, <fee>, <material>, <step>, "
                "<channel> and <location>, not on <%s>", at->name);
      return;
    }
  if (!g_str_equal (status, "unverified"))
    {
      ERROR_AT (p, at, "status=\"%s\" must be \"unverified\"", status);
      return;
    }
  if (lang != LANG_SOURCE)
    return; /* a translation repeats its source's attributes */
  switch (elem)
    {
    case E_BASIS:
    case E_STEP:
      if (text != NULL)
        text->unverified = TRUE;
      break;
    case E_CHANNEL:
      self->online_channel.unverified = TRUE;
      break;
    case E_MATERIAL:
      p->material.unverified = TRUE;
      break;
    case E_TIME_LIMIT:
      self->time_limit_unverified = TRUE;
      break;
    case E_FEE:
      self->fee_unverified = TRUE;
      break;
    case E_LOCATION:
      self->location_unverified = TRUE;
      break;
    default:
      break;
    }
}

/* Returns FALSE when the element (and its subtree) is to be skipped. */
gboolean
_fd_parser_start_element (Parser      *p,
                          Open        *at,
                          const char **names,
                          const char **values)
{
  FdGuide *self = p->guide;
  const Open *parent = &p->stack[p->depth];
  Elem elem = child_elem (parent->elem, at->name, self->kind);
  int lang;
  FdText *text = NULL;

  if (elem == E_NONE || p->depth >= MAX_DEPTH)
    {
      ERROR_AT (p, at, "unknown element <%s> in <%s>", at->name, parent->name);
      return FALSE;
    }
  at->elem = elem;
  at->name = elem < E_N_ROOT_CHILDREN ? root_children[elem]
           : elem == E_MATTER_REF ? "matter" : elem == E_M_NAME ? "name" : elem == E_M_NOTE ? "note"
           : elem == E_ITEM ? "item" : elem == E_STEP ? "step" : elem == E_MATERIAL ? "material"
           : elem == E_PLACE ? "place" : elem == E_CHANNEL ? "channel" : elem == E_Q ? "q" : "a";

  lang = element_lang (p, names, values);
  if (lang != LANG_SOURCE && !is_translatable (elem))
    {
      ERROR_AT (p, at, "xml:lang is not allowed on <%s> (not translatable)", at->name);
      return FALSE;
    }
  if (parent->elem == E_ROOT && !is_translatable (elem))
    {
      if ((p->seen & (1u << elem)) != 0)
        {
          ERROR_AT (p, at, "<%s> may appear only once in <%s>", at->name, parent->name);
          return FALSE;
        }
      p->seen |= 1u << elem;
    }

  switch (elem)
    {
    case E_CODE:
    case E_PHONE:
      p->target = elem == E_CODE ? &self->code : &self->phone;
      p->is_source = FALSE;
      break;
    case E_NAME:
    case E_DEPARTMENT:
    case E_KEYWORDS:
    case E_DESCRIPTION:
    case E_RESULT:
    case E_COMPLAINT:
      {
        FdText *t = elem == E_NAME ? &self->name : elem == E_DEPARTMENT ? &self->department
                    : elem == E_KEYWORDS ? &self->keywords : elem == E_DESCRIPTION ? &self->description
                    : elem == E_RESULT ? &self->result : &self->complaint;
        gboolean seen = (p->seen & (1u << elem)) != 0;

        start_single (p, at, t, &seen, lang, parent->name);
        if (seen)
          p->seen |= 1u << elem;
        break;
      }
    case E_BASIS:
      text = start_multi (p, at, self->basis, lang);
      break;
    case E_ITEM:
      text = start_multi (p, at, parent->elem == E_FEE ? self->fees : self->eligibility, lang);
      break;
    case E_STEP:
      text = start_multi (p, at, self->steps, lang);
      break;
    case E_Q:
    case E_A:
      text = start_multi (p, at, elem == E_Q ? p->qs : p->as, lang);
      break;
    case E_PLACE:
    case E_CHANNEL:
      {
        FdText *t = elem == E_PLACE ? &self->place : &self->online_channel;
        gboolean seen = t->s[FD_LANG_ZH_CN] != NULL;

        start_single (p, at, t, &seen, lang, parent->name);
        break;
      }
    case E_M_NAME:
      start_single (p, at, &p->material.name, &p->material_has_name, lang, parent->name);
      break;
    case E_M_NOTE:
      start_single (p, at, &p->material.note, &p->material_has_note, lang, parent->name);
      break;
    default:
      start_container (p, at, elem, names, values);
      break;
    }
  read_status (p, at, elem, lang, text, names, values);

  if (elem == E_CODE || elem == E_PHONE || is_translatable (elem))
    {
      p->in_text = TRUE;
      g_string_truncate (p->text, 0);
    }
  return TRUE;
}

void
_fd_parser_end_element (Parser     *p,
                        const Open *at)
{
  FdGuide *self = p->guide;

  if (p->in_text)
    {
      char *value = collapse (p->text);

      p->in_text = FALSE;
      if (p->is_source && *value == '\0')
        ERROR_AT (p, at, "<%s> is empty", at->name);
      if (p->target != NULL)
        {
          g_free (*p->target);
          *p->target = value;
        }
      else
        g_free (value);
      return;
    }
  switch (at->elem)
    {
    case E_MATERIAL:
      if (!p->material_has_name)
        {
          ERROR_AT (p, at, "<material> needs a <name>");
          fd_guide_clear_material (&p->material);
        }
      else if (self->materials->len >= FD_GUIDE_MAX_ITEMS)
        {
          ERROR_AT (p, at, "more than %u <material> elements", FD_GUIDE_MAX_ITEMS);
          fd_guide_clear_material (&p->material);
        }
      else
        g_array_append_val (self->materials, p->material);
      memset (&p->material, 0, sizeof p->material);
      break;
    case E_FEE:
      if (self->fee_free && self->fees->len > 0)
        ERROR_AT (p, at, "a free <fee> cannot list fee items");
      if (!self->fee_free && self->fees->len == 0)
        ERROR_AT (p, at, "<fee> must be free=\"true\" or list its <item>s");
      break;
    case E_FAQ:
      if (p->qs->len != p->as->len)
        ERROR_AT (p, at, "<faq> needs one <a> per <q> (%u questions, %u answers)", p->qs->len, p->as->len);
      for (guint i = 0; i < MIN (p->qs->len, p->as->len); i++)
        {
          FaqEntry f = { g_array_index (p->qs, FdText, i), g_array_index (p->as, FdText, i) };

          g_array_append_val (self->faq, f);
          memset (&g_array_index (p->qs, FdText, i), 0, sizeof (FdText));
          memset (&g_array_index (p->as, FdText, i), 0, sizeof (FdText));
        }
      break;
    default:
      break;
    }
}

/* The checks that need the whole file, at the end of the root. */
void
_fd_parser_finish (Parser     *p,
                   const Open *root)
{
  FdGuide *self = p->guide;

  if (self->name.s[FD_LANG_ZH_CN] == NULL)
    ERROR_AT (p, root, "<%s> needs a <name>", root->name);
  if (self->department.s[FD_LANG_ZH_CN] == NULL && self->kind == FD_GUIDE_KIND_MATTER)
    ERROR_AT (p, root, "a <matter> needs a <department>");
  if ((p->seen & (1u << E_MATERIALS)) == 0)
    ERROR_AT (p, root, "<%s> needs <materials>", root->name);
  if ((p->seen & (1u << E_FEE)) == 0)
    ERROR_AT (p, root, "<%s> needs <fee> (write <fee free=\"true\"/> when free)", root->name);
  if (self->kind == FD_GUIDE_KIND_PACKAGE)
    {
      if (p->refs == NULL || p->refs->len == 0)
        ERROR_AT (p, root, "a <package> needs <matters> with at least one <matter ref=\"...\"/>");
      if (p->refs == NULL)
        p->refs = g_ptr_array_new ();
      g_ptr_array_add (p->refs, NULL);
      self->matter_refs = (char **) g_ptr_array_free (g_steal_pointer (&p->refs), FALSE);
    }
  else
    self->matter_refs = g_new0 (char *, 1);
  if (self->windows == NULL)
    self->windows = g_new0 (char *, 1);

  fd_guide_compute_translated (self);
  if (p->has_translations)
    for (FdLang lang = FD_LANG_EN; lang < FD_N_LANGS; lang++)
      if (!self->translated[lang])
        _fd_parser_report (p, FALSE, 0, root, "some texts have no %s translation (Chinese is shown instead)",
                           fd_lang_native_name (lang));
}

