precis.register_stage {
  name = "bad_option",
  options = { callback = function() end },
  run = function(article, opt, out) end,
}
