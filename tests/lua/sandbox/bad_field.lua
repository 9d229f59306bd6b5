precis.register_stage {
  name = "bad_field",
  runn = function(article, opt, out) end,
}
