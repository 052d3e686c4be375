/* fd-pinyin.c: toneless pinyin of Chinese text for search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Character readings come from Unihan (generated fd-pinyin-table.h, every
 * Mandarin reading, kMandarin first). A character's first reading is used
 * unless the text contains a word of the curated table below, which fixes
 * polyphonic characters in the words guide titles use (银行 yin hang, not
 * yin xing).
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-private.h"
#include "fd-guide-search.h"
#include "fd-pinyin-table.h"

/* Word readings for polyphonic characters. Longest match wins. */
static const struct {
  const char *word;
  const char *pinyin;
} words[] = {
  { "银行", "yin hang" }, { "行业", "hang ye" }, { "行政", "xing zheng" }, { "执行", "zhi xing" },
  { "行为", "xing wei" }, { "行驶", "xing shi" }, { "进行", "jin xing" }, { "发行", "fa xing" },
  { "分行", "fen hang" }, { "支行", "zhi hang" }, { "商行", "shang hang" }, { "车行", "che hang" },
  { "重庆", "chong qing" }, { "重新", "chong xin" }, { "重复", "chong fu" }, { "重建", "chong jian" },
  { "重大", "zhong da" }, { "重要", "zhong yao" }, { "重点", "zhong dian" },
  { "长城", "chang cheng" }, { "长期", "chang qi" }, { "延长", "yan chang" }, { "长春", "chang chun" },
  { "长途", "chang tu" }, { "长度", "chang du" }, { "特长", "te chang" }, { "长者", "zhang zhe" },
  { "校长", "xiao zhang" }, { "家长", "jia zhang" }, { "增长", "zeng zhang" }, { "成长", "cheng zhang" },
  { "不动产", "bu dong chan" }, { "动产", "dong chan" },
  { "给付", "ji fu" }, { "供给", "gong ji" }, { "补给", "bu ji" },
  { "还款", "huan kuan" }, { "还贷", "huan dai" }, { "偿还", "chang huan" }, { "归还", "gui huan" },
  { "调休", "tiao xiu" }, { "调整", "tiao zheng" }, { "调解", "tiao jie" }, { "调查", "diao cha" },
  { "调动", "diao dong" }, { "调档", "diao dang" }, { "调取", "diao qu" }, { "调转", "diao zhuan" },
  { "会计", "kuai ji" }, { "首都", "shou du" }, { "成都", "cheng du" },
  { "音乐", "yin yue" }, { "朝阳", "chao yang" }, { "厦门", "xia men" }, { "大厦", "da sha" },
  { "税率", "shui lv" }, { "利率", "li lv" }, { "费率", "fei lv" }, { "比率", "bi lv" },
  { "办事处", "ban shi chu" }, { "处理", "chu li" }, { "处罚", "chu fa" }, { "处分", "chu fen" },
  { "抵押", "di ya" }, { "宿舍", "su she" }, { "种类", "zhong lei" }, { "种植", "zhong zhi" },
  { "便民", "bian min" }, { "便利", "bian li" }, { "方便", "fang bian" },
  { "差额", "cha e" }, { "出差", "chu chai" }, { "传真", "chuan zhen" }, { "西藏", "xi zang" },
  { "规模", "gui mo" }, { "模具", "mu ju" }, { "单位", "dan wei" }, { "单独", "dan du" },
  { "补发", "bu fa" }, { "发票", "fa piao" }, { "发放", "fa fang" }, { "头发", "tou fa" },
  { "省会", "sheng hui" }, { "会员", "hui yuan" }, { "社会", "she hui" },
  { "着装", "zhuo zhuang" }, { "参加", "can jia" }, { "参保", "can bao" }, { "人参", "ren shen" },
  { "教育", "jiao yu" }, { "车辆", "che liang" }, { "卡片", "ka pian" }, { "关卡", "guan qia" },
  { "载明", "zai ming" }, { "记载", "ji zai" }, { "转载", "zhuan zai" },
  { "曾经", "ceng jing" }, { "数据", "shu ju" }, { "数量", "shu liang" },
  { "降低", "jiang di" }, { "投降", "tou xiang" }, { "血液", "xue ye" }, { "薄弱", "bo ruo" },
  { "都是", "dou shi" }, { "了解", "liao jie" }, { "解放", "jie fang" }, { "角色", "jue se" },
  { "剥离", "bo li" }, { "作坊", "zuo fang" }, { "街坊", "jie fang" }, { "露天", "lu tian" },
  { "场地", "chang di" }, { "地方", "di fang" }, { "目的", "mu di" }, { "的士", "di shi" },
  { "中奖", "zhong jiang" }, { "中标", "zhong biao" }, { "看护", "kan hu" }, { "应当", "ying dang" },
  { "当地", "dang di" }, { "上当", "shang dang" }, { "合同", "he tong" }, { "胡同", "hu tong" },
  { "干部", "gan bu" }, { "干事", "gan shi" }, { "树干", "shu gan" },
  { "宁夏", "ning xia" }, { "安宁", "an ning" }, { "蚌埠", "beng bu" }, { "六安", "lu an" },
  { "尽快", "jin kuai" }, { "尽量", "jin liang" }, { "空白", "kong bai" }, { "空闲", "kong xian" },
  { "创伤", "chuang shang" }, { "几乎", "ji hu" }, { "茶几", "cha ji" }, { "亲属", "qin shu" },
  { "属于", "shu yu" }, { "省略", "sheng lve" }, { "反省", "fan xing" }, { "答应", "da ying" },
  { "应聘", "ying pin" }, { "供应", "gong ying" }, { "相应", "xiang ying" }, { "回答", "hui da" },
  { "提供", "ti gong" }, { "供暖", "gong nuan" }, { "供述", "gong shu" },
};

/* The words of the table by a hash of their first character's last two
 * bytes, in table order (counting sort), so a character is compared with
 * the few words that may start with it rather than with all of them. */
#define N_BUCKETS 256

static guint8 bucket_start[N_BUCKETS + 1];
static guint8 bucket_words[G_N_ELEMENTS (words)];

G_STATIC_ASSERT (G_N_ELEMENTS (words) < 256);

static guint
bucket_of (const char *p)
{
  return (((guchar) p[1] & 0x3F) << 6 | ((guchar) p[2] & 0x3F)) % N_BUCKETS;
}

static void
init_buckets (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      guint count[N_BUCKETS + 1] = { 0 };

      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        {
          g_assert ((guchar) words[i].word[0] >= 0xE0); /* a 3-byte character, as looked up */
          count[bucket_of (words[i].word) + 1]++;
        }
      for (guint b = 0; b < N_BUCKETS; b++)
        count[b + 1] += count[b];
      for (guint b = 0; b <= N_BUCKETS; b++)
        bucket_start[b] = (guint8) count[b];
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        bucket_words[count[bucket_of (words[i].word)]++] = (guint8) i;
      g_once_init_leave (&done, 1);
    }
}

static int
compare_chars (const void *a,
               const void *b)
{
  return (int) *(const guint16 *) a - (int) *(const guint16 *) b;
}

const char *
fd_pinyin_readings (gunichar c)
{
  guint16 key;
  const guint16 *found;

  if (c > 0xFFFF)
    return NULL;
  key = (guint16) c;
  found = bsearch (&key, fd_pinyin_chars, FD_PINYIN_N_CHARS, sizeof (guint16), compare_chars);
  if (found == NULL)
    return NULL;
  return fd_pinyin_pool[fd_pinyin_index[found - fd_pinyin_chars]];
}

/* Appends the first reading of @c (up to the first comma). */
static gboolean
append_reading (GString  *out,
                gunichar  c)
{
  const char *r = fd_pinyin_readings (c);
  const char *comma;

  if (r == NULL)
    return FALSE;
  comma = strchr (r, ',');
  g_string_append_len (out, r, comma != NULL ? comma - r : (gssize) strlen (r));
  return TRUE;
}

/* Space-separated syllables; ASCII letters and digits of the text are kept
 * (lowercased) as one "syllable" per run; other characters break words. */
char *
fd_pinyin_from_text (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;
  gboolean in_ascii = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  init_buckets ();
  while (*p != '\0')
    {
      gboolean matched = FALSE;
      gunichar c;

      if (g_ascii_isalnum (*p))
        {
          if (!in_ascii && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, g_ascii_tolower (*p));
          in_ascii = TRUE;
          p++;
          continue;
        }
      in_ascii = FALSE;

      /* Longest word of the table starting here. */
      {
        gsize best_len = 0;
        const char *best = NULL;
        /* every word starts with a 3-byte character */
        gboolean three = (guchar) p[0] >= 0xE0 && p[1] != '\0';
        guint b = three ? bucket_of (p) : 0;
        guint first = three ? bucket_start[b] : 0;
        guint last = three ? bucket_start[b + 1] : 0;

        for (guint k = first; k < last; k++)
          {
            guint i = bucket_words[k];
            gsize len;

            /* cheap test on the first character's bytes before comparing */
            if (p[0] != words[i].word[0] || p[1] != words[i].word[1] || p[2] != words[i].word[2])
              continue;
            len = strlen (words[i].word);
            if (len > best_len && strncmp (p, words[i].word, len) == 0)
              {
                best_len = len;
                best = words[i].pinyin;
              }
          }
        if (best != NULL)
          {
            if (out->len > 0)
              g_string_append_c (out, ' ');
            g_string_append (out, best);
            p += best_len;
            matched = TRUE;
          }
      }
      if (matched)
        continue;

      c = g_utf8_get_char (p);
      {
        gsize before = out->len;

        if (out->len > 0)
          g_string_append_c (out, ' ');
        if (!append_reading (out, c))
          g_string_truncate (out, before); /* punctuation, other scripts: a word break */
      }
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

char *
fd_pinyin_initials (const char *text)
{
  g_autofree char *pinyin = NULL;
  GString *out = g_string_new (NULL);
  gboolean start = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  pinyin = fd_pinyin_from_text (text);
  for (const char *p = pinyin; *p != '\0'; p++)
    {
      if (*p == ' ')
        start = TRUE;
      else if (start)
        {
          g_string_append_c (out, *p);
          start = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}
