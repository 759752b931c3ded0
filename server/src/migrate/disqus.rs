//! Disqus's XML export (`<disqus>`: `<thread dsq:id>` elements, then
//! `<post dsq:id>` elements naming their thread and parent by `dsq:id`).
//! Authors' e-mail and IP addresses are read past, never kept.

use std::path::Path;

use super::text::{Breaks, html_to_text};
use super::xml::{Node, Xml};
use super::{Item, Post, Problem, State, Thread, time_text};

pub struct Disqus {
    xml: Xml,
    record: Option<Record>,
    /// Whether the root was `<disqus>`.
    root: bool,
}

enum Record {
    Thread { start: u64, id: String, thread: Thread, deleted: bool },
    Post { start: u64, id: String, post: Post, html: String, deleted: bool, spam: bool, date: String },
}

impl Disqus {
    pub fn open(path: &Path) -> std::io::Result<Disqus> {
        Ok(Disqus { xml: Xml::open(path)?, record: None, root: false })
    }

    pub fn position(&self) -> u64 {
        self.xml.position()
    }

    pub fn read(&mut self) -> Result<Option<Item>, Problem> {
        while let Some(node) = self.xml.read()? {
            match node {
                Node::Open { name, depth: 1, .. } => {
                    if name != "disqus" {
                        return Err(Problem::at(0, format_args!("not a Disqus export: the root is <{name}>")));
                    }
                    self.root = true;
                }
                Node::Open { name, depth: 2, id } => {
                    let start = self.xml.position();
                    let id = id.unwrap_or_default();
                    self.record = match name.as_str() {
                        "thread" => Some(Record::Thread { start, id, thread: Thread::default(), deleted: false }),
                        "post" => Some(Record::Post {
                            start,
                            id,
                            post: Post::default(),
                            html: String::new(),
                            deleted: false,
                            spam: false,
                            date: String::new(),
                        }),
                        _ => None,
                    };
                }
                // A post's <thread dsq:id="…"/> and <parent dsq:id="…"/>.
                Node::Open { name, depth: 3, id: Some(id) } => {
                    if let Some(Record::Post { post, .. }) = &mut self.record {
                        match name.as_str() {
                            "thread" => post.thread = id,
                            "parent" if !id.is_empty() => post.parent = Some(format!("disqus:{id}")),
                            _ => {}
                        }
                    }
                }
                Node::Close { name, depth: 3, text } => match &mut self.record {
                    Some(Record::Thread { thread, deleted, .. }) => match name.as_str() {
                        "link" => thread.url = Some(text.trim().to_owned()),
                        "title" => thread.title = text.trim().to_owned(),
                        "isDeleted" => *deleted = text.trim() == "true",
                        _ => {}
                    },
                    Some(Record::Post { html, deleted, spam, date, .. }) => match name.as_str() {
                        "message" => *html = text,
                        "createdAt" => *date = text,
                        "isDeleted" => *deleted = text.trim() == "true",
                        "isSpam" => *spam = text.trim() == "true",
                        _ => {}
                    },
                    None => {}
                },
                Node::Close { name, depth: 4, text } => {
                    if let Some(Record::Post { post, .. }) = &mut self.record {
                        match name.as_str() {
                            "name" => post.author = text.trim().to_owned(),
                            "username" if post.author.is_empty() => post.author = text.trim().to_owned(),
                            _ => {}
                        }
                    }
                }
                Node::Close { depth: 2, .. } => match self.record.take() {
                    Some(Record::Thread { start, id, mut thread, deleted }) => {
                        thread.position = start;
                        thread.key = id;
                        thread.deleted = deleted;
                        return Ok(Some(Item::Thread(thread)));
                    }
                    Some(Record::Post { start, id, mut post, html, deleted, spam, date }) => {
                        post.position = start;
                        post.source = if id.is_empty() { String::new() } else { format!("disqus:{id}") };
                        post.body = html_to_text(&html, Breaks::Html);
                        post.created = time_text(date.trim());
                        post.state = if spam {
                            State::Spam
                        } else if deleted {
                            State::Deleted
                        } else {
                            State::Approved
                        };
                        return Ok(Some(Item::Post(post)));
                    }
                    None => {}
                },
                _ => {}
            }
        }
        if !self.root {
            return Err(Problem::at(0, "not a Disqus export: no <disqus> element"));
        }
        Ok(None)
    }
}
