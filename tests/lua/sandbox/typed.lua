-- Options of every type, and what run() sees of them.
precis.register_stage {
  name = "typed",
  options = {
    count = 3, ratio = 0.25, flag = false, word = "short",
    style = { default = "plain", choices = { "plain", "fancy" },
              help = "how it looks" },
    level = { default = 2, min = 1, max = 5 },
  },
  run = function(article, opt, out)
    return string.format("count=%s:%d ratio=%s:%g flag=%s word=%s "
                         .. "style=%s level=%d",
                         math.type(opt.count), opt.count,
                         math.type(opt.ratio), opt.ratio,
                         tostring(opt.flag), opt.word, opt.style,
                         opt.level)
  end,
}
