//! WordPress's export (WXR 1.1 and 1.2: RSS with `wp:` elements): each
//! `<item>` a post, page or attachment, its comments inside it as
//! `<wp:comment>`, parents by `wp:comment_parent`. Pingbacks and trackbacks
//! are not readers' comments; authors' e-mail and IP addresses are read
//! past, never kept.

use std::path::Path;

use super::text::{Breaks, html_to_text};
use super::xml::{Node, Xml};
use super::{Item, Post, Problem, State, Thread, time_text};

pub struct WordPress {
    xml: Xml,
    /// The `<item>` being read, until its first comment gives it out.
    item: Option<(Thread, bool)>,
    comment: Option<Comment>,
    root: bool,
}

#[derive(Default)]
struct Comment {
    start: u64,
    id: String,
    parent: String,
    author: String,
    html: String,
    approved: String,
    kind: String,
    date_gmt: String,
    date: String,
}

impl WordPress {
    pub fn open(path: &Path) -> std::io::Result<WordPress> {
        Ok(WordPress { xml: Xml::open(path)?, item: None, comment: None, root: false })
    }

    pub fn position(&self) -> u64 {
        self.xml.position()
    }

    pub fn read(&mut self) -> Result<Option<Item>, Problem> {
        while let Some(node) = self.xml.read()? {
            match node {
                Node::Open { name, depth: 1, .. } => {
                    if name != "rss" {
                        return Err(Problem::at(0, format_args!("not a WordPress export: the root is <{name}>")));
                    }
                    self.root = true;
                }
                Node::Open { name, depth: 3, .. } if name == "item" => {
                    let thread = Thread { position: self.xml.position(), ..Thread::default() };
                    self.item = Some((thread, false));
                }
                Node::Open { name, depth: 4, .. } if name == "comment" => {
                    self.comment = Some(Comment { start: self.xml.position(), ..Comment::default() });
                    // The item's fields come before its comments: its thread, once.
                    if let Some((thread, given)) = &mut self.item
                        && !*given
                    {
                        *given = true;
                        return Ok(Some(Item::Thread(thread.clone())));
                    }
                }
                Node::Close { name, depth: 4, text } => {
                    if name == "comment" {
                        if let Some(comment) = self.comment.take() {
                            let thread = self.item.as_ref().map(|(t, _)| t.key.clone()).unwrap_or_default();
                            return Ok(Some(comment.into_item(thread)));
                        }
                        continue;
                    }
                    if let Some((thread, _)) = &mut self.item {
                        match name.as_str() {
                            "title" => thread.title = text.trim().to_owned(),
                            "link" => thread.url = Some(text.trim().to_owned()),
                            "post_id" => thread.key = text.trim().to_owned(),
                            "status" => thread.deleted = text.trim() == "trash",
                            _ => {}
                        }
                    }
                }
                Node::Close { name, depth: 5, text } => {
                    if let Some(comment) = &mut self.comment {
                        match name.as_str() {
                            "comment_id" => comment.id = text.trim().to_owned(),
                            "comment_parent" => comment.parent = text.trim().to_owned(),
                            "comment_author" => comment.author = text.trim().to_owned(),
                            "comment_content" => comment.html = text,
                            "comment_approved" => comment.approved = text.trim().to_owned(),
                            "comment_type" => comment.kind = text.trim().to_owned(),
                            "comment_date_gmt" => comment.date_gmt = text.trim().to_owned(),
                            "comment_date" => comment.date = text.trim().to_owned(),
                            _ => {}
                        }
                    }
                }
                Node::Close { name, depth: 3, .. } if name == "item" => self.item = None,
                _ => {}
            }
        }
        if !self.root {
            return Err(Problem::at(0, "not a WordPress export: no <rss> element"));
        }
        Ok(None)
    }
}

impl Comment {
    fn into_item(self, thread: String) -> Item {
        if matches!(self.kind.as_str(), "pingback" | "trackback") {
            return Item::Skipped { reason: "pingbacks and trackbacks" };
        }
        let date =
            if self.date_gmt.is_empty() || self.date_gmt.starts_with("0000") { &self.date } else { &self.date_gmt };
        Item::Post(Post {
            position: self.start,
            thread,
            source: if self.id.is_empty() { String::new() } else { format!("wordpress:{}", self.id) },
            parent: (!self.parent.is_empty() && self.parent != "0").then(|| format!("wordpress:{}", self.parent)),
            author: self.author,
            body: html_to_text(&self.html, Breaks::Text),
            created: time_text(date),
            state: match self.approved.as_str() {
                "1" | "approve" => State::Approved,
                "spam" => State::Spam,
                "trash" | "post-trashed" => State::Deleted,
                _ => State::Pending,
            },
            ..Post::default()
        })
    }
}
