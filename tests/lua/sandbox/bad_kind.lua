precis.register_stage {
  name = "bad_kind",
  kind = "translator",
  run = function(article, opt, out) end,
}
