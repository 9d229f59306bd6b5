-- Registers a second stage from run(): not allowed.
precis.register_stage {
  name = "late",
  run = function(article, opt, out)
    precis.register_stage { name = "later", run = function() end }
  end,
}
