precis.register_stage {
  name = "syntax",
  run = function(article, opt, out)
    if then
  end,
}
