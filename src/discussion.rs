//! The discussion under the article as the widget holds it: the loaded
//! comment trees, the cursor of the next page, and what the reader has posted
//! but the server has not confirmed yet. Plain signals and pure tree edits:
//! the API client fills it, the views read it.

use encart_api_types::{Comment, CommentPage, Commenting, FieldErrors, Published, Reader, ReportReason, Sort};
use leptos::prelude::*;

use crate::load::{ApiError, Load};

/// How a comment the reader posted stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Shown at once, on its way to the server.
    Sending,
    /// Stored, but shown to nobody else until a moderator approves it.
    AwaitingModeration,
}

#[derive(Clone, Copy)]
pub struct Discussion {
    /// Top-level comments, newest first, each with its replies.
    pub comments: RwSignal<Vec<Comment>>,
    /// Published comments on the article, replies included.
    pub total: RwSignal<u64>,
    /// Cursor of the next page, if there is one.
    pub next: RwSignal<Option<String>>,
    /// The first page.
    pub first_page: RwSignal<Load<()>>,
    /// The page after the loaded ones: `Ready` when idle.
    pub more: RwSignal<Load<()>>,
    /// The reader's own comments not (yet) published for everyone, by id.
    pub marks: RwSignal<Vec<(String, Mark)>>,
    /// Ids of the reader's own comments (they hold their edit tokens).
    pub own: RwSignal<Vec<String>>,
    /// The comment whose deletion the reader is confirming or waiting for:
    /// `Ready` while asking "sure?", `Loading` while deleting, `Failed` after.
    pub deleting: RwSignal<Option<(String, Load<()>)>>,
    /// The comment the reader is reporting, and how far along.
    pub reporting: RwSignal<Option<(String, Reporting)>>,
    /// Comments the reader reported in this view.
    pub reported: RwSignal<Vec<String>>,
    /// How the article's site lets readers comment (from the first page).
    pub commenting: RwSignal<Commenting>,
    /// The reader, when their site signed them in (known once the API has
    /// checked their token: never in the server's first view).
    pub reader: RwSignal<Option<Reader>>,
    /// The newsroom's picks, shown above the thread.
    pub picks: RwSignal<Vec<Comment>>,
    /// The comments the reader recommends, as they now stand (optimistic).
    pub recommended: RwSignal<Vec<String>>,
    /// Those the listed counts already include (what the reader recommended
    /// when the thread was loaded): a count shown is the listed one, less
    /// these, plus `recommended`.
    pub counted: RwSignal<Vec<String>>,
    /// The comments the reader pressed recommend on in this view: newer
    /// than any list of theirs that comes later (it may have been asked for
    /// before the press, or answered before it was stored).
    pressed: RwSignal<Vec<String>>,
    /// The reader's comment being edited: its editor open (`Ready` once an
    /// edit awaits a moderator), the edit on its way, or why it failed.
    pub editing: RwSignal<Option<(String, Load<()>)>>,
    /// What the editor holds.
    pub edit_text: RwSignal<String>,
    /// The reader's comments whose edit awaits a moderator (their published text shows meanwhile).
    pub edit_waits: RwSignal<Vec<String>>,
    /// A recommendation that failed (and was rolled back), to say so.
    pub recommending: RwSignal<Option<(String, Load<()>)>>,
    /// The order of the comments: the page's, or the one asked for before
    /// it came (`None`: the site's, whatever it is).
    pub sort: RwSignal<Option<Sort>>,
    /// The number of the last publication the widget has heard of: where
    /// its event stream starts (from the first page, then each event).
    pub live: RwSignal<Option<u64>>,
    /// Comments published since the thread loaded, waiting for the reader
    /// to show them ("3 new comments"): nothing moves before they ask.
    pub arrivals: RwSignal<Vec<Comment>>,
}

/// Where a report stands: choosing a reason, sending it, or failed (with a retry).
#[derive(Clone, Debug, PartialEq)]
pub enum Reporting {
    Choosing,
    Sending,
    Failed(ReportReason, ApiError),
}

impl Discussion {
    pub fn new() -> Self {
        Discussion {
            comments: RwSignal::new(Vec::new()),
            total: RwSignal::new(0),
            next: RwSignal::new(None),
            first_page: RwSignal::new(Load::Loading),
            more: RwSignal::new(Load::Ready(())),
            marks: RwSignal::new(Vec::new()),
            own: RwSignal::new(Vec::new()),
            deleting: RwSignal::new(None),
            reporting: RwSignal::new(None),
            reported: RwSignal::new(Vec::new()),
            commenting: RwSignal::new(Commenting::default()),
            reader: RwSignal::new(None),
            picks: RwSignal::new(Vec::new()),
            recommended: RwSignal::new(Vec::new()),
            counted: RwSignal::new(Vec::new()),
            pressed: RwSignal::new(Vec::new()),
            recommending: RwSignal::new(None),
            editing: RwSignal::new(None),
            edit_text: RwSignal::new(String::new()),
            edit_waits: RwSignal::new(Vec::new()),
            sort: RwSignal::new(None),
            live: RwSignal::new(None),
            arrivals: RwSignal::new(Vec::new()),
        }
    }

    /// Adds a page from the server after the loaded ones.
    pub fn append_page(&self, page: CommentPage) {
        self.comments.update(|list| {
            for comment in page.comments {
                if !list.iter().any(|c| c.id == comment.id) {
                    list.push(comment);
                }
            }
        });
        self.total.set(page.total);
        self.next.set(page.next);
        if self.sort.get_untracked() != Some(page.sort) {
            self.sort.set(Some(page.sort));
        }
        if page.live > self.live.get_untracked() {
            self.live.set(page.live);
        }
        // Only a first page carries them.
        if !page.picks.is_empty() {
            self.picks.set(page.picks);
        }
        if self.commenting.with_untracked(|c| *c != page.commenting) {
            self.commenting.set(page.commenting);
        }
    }

    /// The reader's recommendations, as the API (or this browser) knows them
    /// when the thread loads: both what they recommend and what the counts
    /// include, except for the comments they pressed in this view, which
    /// stay as they are.
    pub fn set_recommended(&self, ids: Vec<String>) {
        let pressed = self.pressed.get_untracked();
        for list in [self.counted, self.recommended] {
            let now = list.get_untracked();
            let mut new = ids.clone();
            for id in &pressed {
                put_in(&mut new, id, now.contains(id));
            }
            list.set(new);
        }
    }

    /// Another reader (or none): the presses of this view were not theirs.
    pub fn forget_presses(&self) {
        self.pressed.set(Vec::new());
    }

    /// How many readers recommend comment `id`, listed with `listed`, as
    /// this reader sees it now.
    pub fn recommends(&self, id: &str, listed: u32) -> u32 {
        let counted = self.counted.with(|c| c.iter().any(|c| c == id));
        let now = self.recommended.with(|r| r.iter().any(|r| r == id));
        listed.saturating_sub(u32::from(counted)) + u32::from(now)
    }

    /// The reader now recommends comment `id`, or no longer does.
    pub fn set_recommends(&self, id: &str, on: bool) {
        put(self.recommended, id, on);
        put(self.pressed, id, true);
    }

    /// The API says `recommends` readers recommend comment `id`, listed
    /// with `listed`: shown so, by taking the reader's recommendation as
    /// already in the listed count or not (the API may have counted them
    /// before this browser knew, from their address).
    pub fn settle_recommends(&self, id: &str, listed: u32, recommends: u32) {
        let now = self.recommended.with_untracked(|r| r.iter().any(|r| r == id));
        match i64::from(listed) + i64::from(now) - i64::from(recommends) {
            0 => put(self.counted, id, false),
            1 => put(self.counted, id, true),
            // Others changed it meanwhile: shown at the next load.
            _ => {}
        }
    }

    pub fn mark_of(&self, id: &str) -> Option<Mark> {
        self.marks.with(|marks| marks.iter().find(|(m, _)| m == id).map(|(_, mark)| mark.clone()))
    }

    fn set_mark(&self, id: &str, mark: Option<Mark>) {
        self.marks.update(|marks| {
            marks.retain(|(m, _)| m != id);
            if let Some(mark) = mark {
                marks.push((id.to_owned(), mark));
            }
        });
    }

    /// Shows `comment` as the API now has it (after its author's edit),
    /// where it stands in the thread.
    pub fn replace(&self, comment: Comment) {
        self.comments.update(|list| {
            if let Some(shown) = find_mut(list, &comment.id) {
                let replies = std::mem::take(&mut shown.replies);
                *shown = Comment { replies, ..comment };
            }
        });
    }

    /// Shows `comment` (with a local id) at once, marked as sending.
    pub fn insert_optimistic(&self, comment: Comment) {
        self.set_mark(&comment.id, Some(Mark::Sending));
        self.comments.update(|list| insert(list, comment));
    }

    /// Replaces the optimistic comment `local_id` by the server's version.
    pub fn confirm(&self, local_id: &str, stored: Comment, awaiting_moderation: bool) {
        self.set_mark(local_id, None);
        // Its event may have come first: then the count includes it already.
        let heard = self.arrivals.with_untracked(|a| a.iter().any(|c| c.id == stored.id));
        if heard {
            self.arrivals.update(|a| a.retain(|c| c.id != stored.id));
        }
        if awaiting_moderation {
            self.set_mark(&stored.id, Some(Mark::AwaitingModeration));
        } else if !heard {
            self.total.update(|t| *t += 1);
        }
        self.comments.update(|list| {
            remove(list, local_id);
            insert(list, stored);
        });
    }

    /// Shows the reader's own comments that await moderation, marked so.
    pub fn show_own_pending(&self, pending: Vec<Comment>) {
        for comment in pending {
            self.set_mark(&comment.id, Some(Mark::AwaitingModeration));
            self.comments.update(|list| {
                remove(list, &comment.id);
                insert(list, comment);
            });
        }
    }

    /// The reader deleted their comment `id`: it goes, or stays as a
    /// placeholder while answers hang from it.
    pub fn erase(&self, id: &str) {
        let counted = self.mark_of(id).is_none();
        self.set_mark(id, None);
        self.own.update(|own| own.retain(|o| o != id));
        self.comments.update(|list| erase(list, id));
        if counted {
            self.total.update(|t| *t = t.saturating_sub(1));
        }
    }

    /// A comment was published (the event stream says): counted at once,
    /// kept aside until the reader shows it, unless the thread has it
    /// (the reader's own, a page loaded since).
    pub fn arrive(&self, published: Published) {
        self.total.set(published.total);
        let id = &published.comment.id;
        let known = self.comments.with_untracked(|list| find(list, id).is_some())
            || self.arrivals.with_untracked(|a| a.iter().any(|c| &c.id == id));
        if !known {
            self.arrivals.update(|a| a.push(published.comment));
        }
    }

    /// The reader asked to see the comments that arrived: at the top of the
    /// thread (replies under their parents when shown), the newest first.
    /// Whether comment `id` is among those shown (at any depth).
    pub fn holds(&self, id: &str) -> bool {
        self.comments.with(|list| find(list, id).is_some())
    }

    pub fn show_arrivals(&self) {
        let arrivals = self.arrivals.try_update(std::mem::take).unwrap_or_default();
        self.comments.update(|list| {
            for comment in arrivals {
                if find(list, &comment.id).is_none() {
                    insert(list, comment);
                }
            }
        });
    }

    /// Takes back the optimistic comment `local_id`: the post failed.
    pub fn withdraw(&self, local_id: &str) {
        self.set_mark(local_id, None);
        self.comments.update(|list| {
            remove(list, local_id);
        });
    }
}

impl Default for Discussion {
    fn default() -> Self {
        Self::new()
    }
}

/// Puts `comment` in the tree: a top-level one first (newest first), a reply
/// last among its parent's replies (oldest first). A reply whose parent is not
/// loaded goes to the top level.
pub fn insert(list: &mut Vec<Comment>, comment: Comment) {
    match comment.parent.as_deref().and_then(|parent| find_mut(list, parent)) {
        Some(parent) => parent.replies.push(comment),
        None => list.insert(0, comment),
    }
}

/// Takes the comment `id` (and its replies) out of the tree.
pub fn remove(list: &mut Vec<Comment>, id: &str) -> Option<Comment> {
    if let Some(i) = list.iter().position(|c| c.id == id) {
        return Some(list.remove(i));
    }
    list.iter_mut().find_map(|c| remove(&mut c.replies, id))
}

/// Erases `id` in the tree: removed, or emptied and marked deleted when it
/// has replies.
pub fn erase(list: &mut Vec<Comment>, id: &str) {
    if let Some(i) = list.iter().position(|c| c.id == id) {
        if list[i].replies.is_empty() {
            list.remove(i);
        } else {
            let c = &mut list[i];
            (c.author, c.body, c.deleted) = (String::new(), String::new(), true);
        }
        return;
    }
    for c in list.iter_mut() {
        erase(&mut c.replies, id);
    }
}

/// What the reader's form is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum FormState {
    Editing,
    Sending,
    /// The server refused some fields.
    Refused(FieldErrors),
    /// The post did not go through; the text stays for a retry.
    Failed(ApiError),
    /// Posted; awaiting moderation or not.
    Posted {
        awaiting_moderation: bool,
    },
}

/// Comment `id` anywhere in `list`.
fn find<'a>(list: &'a [Comment], id: &str) -> Option<&'a Comment> {
    list.iter().find_map(|comment| if comment.id == id { Some(comment) } else { find(&comment.replies, id) })
}

fn find_mut<'a>(list: &'a mut [Comment], id: &str) -> Option<&'a mut Comment> {
    for comment in list {
        if comment.id == id {
            return Some(comment);
        }
        if let Some(found) = find_mut(&mut comment.replies, id) {
            return Some(found);
        }
    }
    None
}

/// Puts `id` in `list` (`on`) or takes it out, once.
fn put(list: RwSignal<Vec<String>>, id: &str, on: bool) {
    let there = list.with_untracked(|l| l.iter().any(|l| l == id));
    if there != on {
        list.update(|l| put_in(l, id, on));
    }
}

/// `id` in `list` (once) or not, as `on` says.
fn put_in(list: &mut Vec<String>, id: &str, on: bool) {
    list.retain(|l| l != id);
    if on {
        list.push(id.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent: parent.map(Into::into),
            author: "A".into(),
            body: id.into(),
            created: "2025-05-10T10:00:00Z".into(),
            replies: vec![],
            deleted: false,
            verified: false,
            staff: false,
            recommends: 0,
            edited: false,
        }
    }

    #[test]
    fn a_count_shown_is_the_listed_one_less_what_it_held_plus_what_the_reader_now_does() {
        let owner = Owner::new();
        owner.set();
        let discussion = Discussion::new();
        assert_eq!(discussion.recommends("1", 4), 4);
        discussion.set_recommends("1", true);
        assert_eq!(discussion.recommends("1", 4), 5, "a press shows at once");
        discussion.set_recommended(vec!["2".into()]);
        assert_eq!(discussion.recommends("2", 3), 3, "already in the listed count");
        discussion.set_recommends("2", false);
        assert_eq!(discussion.recommends("2", 3), 2);
        discussion.set_recommends("2", true);
        discussion.set_recommends("2", true);
        assert_eq!(discussion.recommends("2", 3), 3, "twice is once");
        assert_eq!(discussion.recommends("2", 0), 1, "never below the reader's own");
        // This browser did not know; the API had counted the reader (their address).
        discussion.set_recommends("3", true);
        assert_eq!(discussion.recommends("3", 1), 2);
        discussion.settle_recommends("3", 1, 1);
        assert_eq!(discussion.recommends("3", 1), 1, "as the API says");
        discussion.settle_recommends("3", 1, 2);
        assert_eq!(discussion.recommends("3", 1), 2);
    }

    #[test]
    fn a_list_that_comes_after_a_press_leaves_the_pressed_comment_as_the_reader_left_it() {
        let owner = Owner::new();
        owner.set();
        let discussion = Discussion::new();
        // The reader's list is asked for; they press before it comes, and
        // the API's answer to the press comes first.
        discussion.set_recommends("1", true);
        discussion.settle_recommends("1", 0, 1);
        discussion.set_recommended(vec!["2".into()]);
        assert_eq!(discussion.recommends("1", 0), 1, "the press stays");
        assert!(discussion.recommended.get_untracked().contains(&"1".to_owned()));
        assert_eq!(discussion.recommends("2", 1), 1, "the others as listed");
        discussion.set_recommends("2", false);
        discussion.set_recommended(vec!["1".into(), "2".into()]);
        assert_eq!(discussion.recommends("2", 1), 0, "an undone press stays undone");
        // Signed out: this browser's own list, whole.
        discussion.forget_presses();
        discussion.set_recommended(vec![]);
        assert_eq!(discussion.recommended.get_untracked(), Vec::<String>::new());
    }

    fn ids(list: &[Comment]) -> Vec<String> {
        list.iter().map(|c| format!("{}{:?}", c.id, ids(&c.replies))).collect()
    }

    #[test]
    fn new_top_level_comments_go_first_and_replies_last_under_their_parent() {
        let mut list = vec![comment("2", None), comment("1", None)];
        insert(&mut list, comment("3", None));
        insert(&mut list, comment("1a", Some("1")));
        insert(&mut list, comment("1b", Some("1")));
        insert(&mut list, comment("1a-i", Some("1a")));
        insert(&mut list, comment("orphan", Some("gone")));
        assert_eq!(ids(&list), ["orphan[]", "3[]", "2[]", "1[\"1a[\\\"1a-i[]\\\"]\", \"1b[]\"]"]);
    }

    #[test]
    fn erasing_keeps_a_placeholder_only_for_answered_comments() {
        let mut list = vec![comment("1", None), comment("2", None)];
        insert(&mut list, comment("1a", Some("1")));
        erase(&mut list, "1");
        erase(&mut list, "2");
        assert_eq!(ids(&list), ["1[\"1a[]\"]"]);
        assert!(list[0].deleted && list[0].body.is_empty() && list[0].author.is_empty());
    }

    #[test]
    fn arrivals_are_counted_at_once_and_shown_only_when_asked_each_once() {
        let owner = Owner::new();
        owner.set();
        let discussion = Discussion::new();
        discussion.comments.set(vec![comment("1", None)]);
        discussion.total.set(1);
        let published = |id: &str, parent: Option<&str>, total: u64| Published { comment: comment(id, parent), total };
        discussion.arrive(published("2", None, 2));
        discussion.arrive(published("1a", Some("1"), 3));
        discussion.arrive(published("2", None, 3));
        discussion.arrive(published("1", None, 3));
        assert_eq!(discussion.total.get_untracked(), 3, "counted at once");
        assert_eq!(ids(&discussion.comments.get_untracked()), ["1[]"], "nothing moves");
        assert_eq!(discussion.arrivals.with_untracked(Vec::len), 2, "each once; the thread's own left out");
        discussion.show_arrivals();
        assert_eq!(ids(&discussion.comments.get_untracked()), ["2[]", "1[\"1a[]\"]"]);
        assert!(discussion.arrivals.with_untracked(Vec::is_empty));

        // The reader's own comment, heard before its answer came: counted once.
        discussion.insert_optimistic(comment("local", None));
        discussion.arrive(published("3", None, 4));
        discussion.confirm("local", comment("3", None), false);
        assert_eq!(discussion.total.get_untracked(), 4);
        assert!(discussion.arrivals.with_untracked(Vec::is_empty));
        assert_eq!(ids(&discussion.comments.get_untracked()), ["3[]", "2[]", "1[\"1a[]\"]"]);
    }

    #[test]
    fn removing_finds_comments_at_any_depth() {
        let mut list = vec![comment("1", None)];
        insert(&mut list, comment("1a", Some("1")));
        insert(&mut list, comment("1a-i", Some("1a")));
        assert_eq!(remove(&mut list, "1a-i").map(|c| c.id), Some("1a-i".into()));
        assert_eq!(remove(&mut list, "nope"), None);
        assert_eq!(ids(&list), ["1[\"1a[]\"]"]);
    }
}
