<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Being prepared…</source>
        <translation>Hazırlanıyor…</translation>
    </message>
    <message>
        <source>{name} · {size} bytes of text</source>
        <translation>{name} · {size} bayt metin</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>{name} dosyasını kaldır</translation>
    </message>
    <message>
        <source>Switch to {model}</source>
        <translation>{model} modeline geç</translation>
    </message>
</context>
<context>
    <name>ChatEmptyState</name>
    <message>
        <source>Explain tokens-per-minute rate limits with a small example</source>
        <translation>Dakika başına token hız sınırlarını küçük bir örnekle açıkla</translation>
    </message>
    <message>
        <source>Write a Python function that splits a long audio file into 10-minute parts</source>
        <translation>Uzun bir ses dosyasını 10 dakikalık parçalara bölen bir Python fonksiyonu yaz</translation>
    </message>
    <message>
        <source>Summarise the text I paste next in five bullet points</source>
        <translation>Birazdan yapıştıracağım metni beş maddede özetle</translation>
    </message>
    <message>
        <source>Enter sends · Shift+Enter new line · Ctrl+N new chat · Ctrl+F find · Ctrl+O transcribe files · Ctrl+1…5 switch areas</source>
        <translation>Enter gönderir · Shift+Enter yeni satır · Ctrl+N yeni sohbet · Ctrl+F bul · Ctrl+O dosyaları yazıya dök · Ctrl+1…5 bölüm değiştir</translation>
    </message>
    <message>
        <source>Start with one of these, or type your own below</source>
        <translation>Bunlardan biriyle başlayın ya da aşağıya kendi mesajınızı yazın</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Export conversation</source>
        <translation>Sohbeti dışa aktar</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>sohbet</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Yeni sohbet</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>Yeni bir sohbet başlat (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>Tüm sohbetlerde ara</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Arama sonuçları</translation>
    </message>
    <message>
        <source>Double-click or F2 renames · Delete removes (Ctrl+Z undoes)</source>
        <translation>Çift tıklama veya F2 yeniden adlandırır · Delete siler (Ctrl+Z geri alır)</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Sohbetler</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Geri al</translation>
    </message>
    <message>
        <source>Bring the conversation back (Ctrl+Z)</source>
        <translation>Sohbeti geri getir (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Dışa aktar</translation>
    </message>
    <message>
        <source>Save this conversation as Markdown or JSON (Chat menu)</source>
        <translation>Bu sohbeti Markdown veya JSON olarak kaydet (Sohbet menüsü)</translation>
    </message>
    <message>
        <source>Markdown…</source>
        <translation>Markdown…</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Model</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametreler</translation>
    </message>
    <message>
        <source>System prompt, temperature, max tokens… of this conversation</source>
        <translation>Bu sohbetin sistem istemi, sıcaklığı, en fazla token sayısı…</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Karşılaştır…</translation>
    </message>
    <message>
        <source>Send one prompt to 2-4 models at once and keep the best reply</source>
        <translation>Tek bir istemi aynı anda 2-4 modele gönder ve en iyi yanıtı tut</translation>
    </message>
    <message>
        <source>Switch model</source>
        <translation>Model değiştir</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Devam et</translation>
    </message>
    <message>
        <source>Ask the model to go on; its text is added to the same reply</source>
        <translation>Modelden devam etmesini iste; metni aynı yanıta eklenir</translation>
    </message>
    <message>
        <source>Include all turns</source>
        <translation>Tüm mesajları dahil et</translation>
    </message>
    <message>
        <source>Send the whole conversation again</source>
        <translation>Sohbetin tamamını yeniden gönder</translation>
    </message>
    <message>
        <source>Find in conversation (Enter: next, Shift+Enter: previous)</source>
        <translation>Sohbette bul (Enter: sonraki, Shift+Enter: önceki)</translation>
    </message>
    <message>
        <source>Find in conversation</source>
        <translation>Sohbette bul</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Önceki eşleşme (Shift+Enter)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Önceki eşleşme</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Sonraki eşleşme (Enter)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Sonraki eşleşme</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>Arama çubuğunu kapat (Esc)</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Arama çubuğunu kapat</translation>
    </message>
    <message>
        <source>Cancel edit</source>
        <translation>Düzenlemeyi iptal et</translation>
    </message>
    <message>
        <source>Copied as Markdown</source>
        <translation>Markdown olarak kopyalandı</translation>
    </message>
    <message>
        <source>Copied as plain text</source>
        <translation>Düz metin olarak kopyalandı</translation>
    </message>
    <message>
        <source>Request id {request_id} copied</source>
        <translation>İstek kimliği {request_id} kopyalandı</translation>
    </message>
    <message>
        <source>⚠ Groq retired {model} on {date}, so this conversation can't continue with it.</source>
        <translation>⚠ Groq, {model} modelini {date} tarihinde kullanımdan kaldırdı; bu sohbet onunla devam edemez.</translation>
    </message>
    <message>
        <source>⚠ Groq retired {model}, so this conversation can't continue with it.</source>
        <translation>⚠ Groq, {model} modelini kullanımdan kaldırdı; bu sohbet onunla devam edemez.</translation>
    </message>
    <message>
        <source>Continue with {model}</source>
        <translation>{model} ile devam et</translation>
    </message>
    <message>
        <source>The reply was cut off at the length limit after {tokens} tokens.</source>
        <translation>Yanıt, {tokens} token sonra uzunluk sınırında kesildi.</translation>
    </message>
    <message>
        <source>The reply was cut off at the length limit.</source>
        <translation>Yanıt uzunluk sınırında kesildi.</translation>
    </message>
    <message>
        <source>No conversation yet: type below to start one</source>
        <translation>Henüz sohbet yok: başlatmak için aşağıya yazın</translation>
    </message>
    <message>
        <source>Rename (F2)</source>
        <translation>Yeniden adlandır (F2)</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Sabitlemeyi kaldır</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>En üste sabitle</translation>
    </message>
    <message>
        <source>Delete (Del)</source>
        <translation>Sil (Del)</translation>
    </message>
    <message>
        <source>Deleted “{title}”</source>
        <translation>“{title}” silindi</translation>
    </message>
    <message>
        <source>Conversation restored</source>
        <translation>Sohbet geri getirildi</translation>
    </message>
    <message numerus="yes">
        <source>{title}  ·  %n messages</source>
        <translation>
            <numerusform>{title}  ·  %n mesaj</numerusform>
        </translation>
    </message>
    <message>
        <source>No messages match</source>
        <translation>Eşleşen mesaj yok</translation>
    </message>
    <message>
        <source>{position} of {total}</source>
        <translation>{position}/{total}</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Eşleşme yok</translation>
    </message>
    <message numerus="yes">
        <source>Queued behind %n request(s)</source>
        <translation>
            <numerusform>Kuyrukta, önünde %n istek var</numerusform>
        </translation>
    </message>
    <message>
        <source>Queued: next to send</source>
        <translation>Kuyrukta: sıradaki gönderilecek</translation>
    </message>
    <message>
        <source>The reply is shown but could not be saved yet; it is kept and saved at the next chance (next message, or when the app closes). {reason}</source>
        <translation>Yanıt gösteriliyor ama henüz kaydedilemedi; saklanıyor ve ilk fırsatta (sonraki mesajda ya da uygulama kapanırken) kaydedilecek. {reason}</translation>
    </message>
    <message>
        <source>Not sent: {reason}</source>
        <translation>Gönderilmedi: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Editing a message: sending replaces it and deletes the %n message(s) after it.</source>
        <translation>
            <numerusform>Mesaj düzenleniyor: göndermek onu değiştirir ve ardından gelen %n mesajı siler.</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit and resend drops every later turn of this conversation</source>
        <translation>Düzenleyip yeniden göndermek bu sohbetteki sonraki tüm mesajları siler</translation>
    </message>
    <message numerus="yes">
        <source>The %n oldest turn(s) are left out of what is sent.</source>
        <translation>
            <numerusform>En eski %n mesaj gönderilenlerin dışında bırakıldı.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n oldest turn(s) are left out of what is sent: it fits now.</source>
        <translation>
            <numerusform>En eski %n mesaj gönderilenlerin dışında bırakıldı: artık sığıyor.</numerusform>
        </translation>
    </message>
    <message>
        <source>Max reply tokens lowered to {tokens}: it fits now.</source>
        <translation>En fazla yanıt token sayısı {tokens} olarak düşürüldü: artık sığıyor.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n message(s) are left out of what is sent.</source>
        <translation>
            <numerusform>İlk %n mesaj gönderilenlerin dışında bırakıldı.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last reply copied</source>
        <translation>Son yanıt kopyalandı</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopyalandı</translation>
    </message>
    <message>
        <source>Markdown ({patterns})</source>
        <translation>Markdown ({patterns})</translation>
    </message>
    <message>
        <source>JSON ({patterns})</source>
        <translation>JSON ({patterns})</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>{path} kaydedilemedi: {reason}</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>{name} kaydedildi</translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>TTFT {ms} ms</source>
        <translation>TTFT {ms} ms</translation>
    </message>
    <message>
        <source>{rate} tok/s</source>
        <translation>{rate} token/sn</translation>
    </message>
    <message>
        <source>{prompt} in / {completion} out</source>
        <translation>{prompt} giriş / {completion} çıkış</translation>
    </message>
    <message>
        <source>{tokens} cached</source>
        <translation>{tokens} önbellekte</translation>
    </message>
    <message>
        <source>Queued…</source>
        <translation>Kuyrukta…</translation>
    </message>
    <message>
        <source>Continue with this reply</source>
        <translation>Bu yanıtla devam et</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Akıyor…</translation>
    </message>
    <message>
        <source>Failed: {reason}</source>
        <translation>Başarısız: {reason}</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Durduruldu</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare models</source>
        <translation>Modelleri karşılaştır</translation>
    </message>
    <message>
        <source>One prompt, sent to every model you tick (with this conversation's history)</source>
        <translation>İşaretlediğiniz her modele gönderilen tek bir istem (bu sohbetin geçmişiyle birlikte)</translation>
    </message>
    <message>
        <source>Models ({low}-{high}):</source>
        <translation>Modeller ({low}-{high}):</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Karşılaştır</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Each model waits for its own limits in the one queue; nothing is sent that would be refused.</source>
        <translation>Her model tek kuyrukta kendi sınırlarını bekler; reddedilecek hiçbir şey gönderilmez.</translation>
    </message>
    <message>
        <source>Tick {low} to {high} models</source>
        <translation>{low} ile {high} arasında model işaretleyin</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message the model…</source>
        <translation>Modele mesaj yazın…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mesaj</translation>
    </message>
    <message>
        <source>{tokens} tokens</source>
        <translation>{tokens} token</translation>
    </message>
    <message>
        <source>Tokens of the conversation plus this draft, against the model's context window</source>
        <translation>Sohbetin ve bu taslağın token sayısı, modelin bağlam penceresine göre</translation>
    </message>
    <message>
        <source>Drop oldest turns</source>
        <translation>En eski mesajları çıkar</translation>
    </message>
    <message>
        <source>Leave the oldest turns out of what is sent (they stay in the history)</source>
        <translation>En eski mesajları gönderilenlerin dışında bırak (geçmişte kalırlar)</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Ekle…</translation>
    </message>
    <message>
        <source>Attach images or files (text, Markdown, code, CSV, JSON, PDF); or paste an image (Ctrl+V), or drop files on the message box</source>
        <translation>Görsel veya dosya ekleyin (metin, Markdown, kod, CSV, JSON, PDF); ya da bir görsel yapıştırın (Ctrl+V) veya dosyaları mesaj kutusuna bırakın</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Yeniden oluştur</translation>
    </message>
    <message>
        <source>Write the last reply again (Ctrl+R)</source>
        <translation>Son yanıtı yeniden yazdır (Ctrl+R)</translation>
    </message>
    <message>
        <source>{send_key} or Ctrl+Enter sends · {newline_key} starts a new line · Esc stops</source>
        <translation>{send_key} veya Ctrl+Enter gönderir · {newline_key} yeni satır başlatır · Esc durdurur</translation>
    </message>
    <message>
        <source>{tokens} / {window} tokens</source>
        <translation>{tokens} / {window} token</translation>
    </message>
    <message>
        <source>⚠ This conversation ({tokens} tokens) will not fit the model's context window of {window} tokens with room for a reply. Drop the oldest turns or start a new conversation.</source>
        <translation>⚠ Bu sohbet ({tokens} token), yanıta yer kalacak şekilde modelin {window} tokenlık bağlam penceresine sığmayacak. En eski mesajları çıkarın ya da yeni bir sohbet başlatın.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Durdur</translation>
    </message>
    <message>
        <source>Stop the reply; the text so far is kept (Esc)</source>
        <translation>Yanıtı durdur; o ana kadarki metin korunur (Esc)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gönder</translation>
    </message>
    <message>
        <source>Send ({send_key} or Ctrl+Enter)</source>
        <translation>Gönder ({send_key} veya Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Attach images or files</source>
        <translation>Görsel veya dosya ekle</translation>
    </message>
    <message>
        <source>Images and files ({patterns});;All files (*)</source>
        <translation>Görseller ve dosyalar ({patterns});;Tüm dosyalar (*)</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>{model} · last active {when} · pinned</source>
        <translation>{model} · son etkinlik {when} · sabitlendi</translation>
    </message>
    <message>
        <source>{model} · last active {when}</source>
        <translation>{model} · son etkinlik {when}</translation>
    </message>
    <message>
        <source>F2 renames</source>
        <translation>F2 yeniden adlandırır</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>Sent · thinking…</source>
        <translation>Gönderildi · düşünüyor…</translation>
    </message>
    <message>
        <source>tokens-per-minute</source>
        <translation>dakika başına token</translation>
    </message>
    <message>
        <source>requests-per-minute</source>
        <translation>dakika başına istek</translation>
    </message>
    <message>
        <source>tokens-per-day</source>
        <translation>gün başına token</translation>
    </message>
    <message>
        <source>requests-per-day</source>
        <translation>gün başına istek</translation>
    </message>
    <message>
        <source>audio-seconds-per-hour</source>
        <translation>saat başına ses saniyesi</translation>
    </message>
    <message>
        <source>audio-seconds-per-day</source>
        <translation>gün başına ses saniyesi</translation>
    </message>
    <message>
        <source>Waiting for {dimension} quota</source>
        <translation>{dimension} kotası bekleniyor</translation>
    </message>
    <message>
        <source>TTFT {ms} ms</source>
        <translation>TTFT {ms} ms</translation>
    </message>
    <message>
        <source>{rate} tok/s</source>
        <translation>{rate} token/sn</translation>
    </message>
    <message>
        <source>{prompt} in / {completion} out</source>
        <translation>{prompt} giriş / {completion} çıkış</translation>
    </message>
    <message>
        <source>{tokens} cached</source>
        <translation>{tokens} önbellekte</translation>
    </message>
    <message>
        <source>Groq queue {ms} ms</source>
        <translation>Groq kuyruğu {ms} ms</translation>
    </message>
    <message numerus="yes">
        <source>%n tool call(s) (${cost} reported)</source>
        <translation>
            <numerusform>%n araç çağrısı (bildirilen ${cost})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tool call(s)</source>
        <translation>
            <numerusform>%n araç çağrısı</numerusform>
        </translation>
    </message>
    <message>
        <source>waited {seconds} s before sending</source>
        <translation>göndermeden önce {seconds} sn beklendi</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} ve {second}</translation>
    </message>
    <message>
        <source>waited {seconds} s for {dimensions} quota</source>
        <translation>{dimensions} kotası için {seconds} sn beklendi</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopyala</translation>
    </message>
    <message>
        <source>Copy as Markdown (Ctrl+C; Ctrl+Alt+C: plain text)</source>
        <translation>Markdown olarak kopyala (Ctrl+C; Ctrl+Alt+C: düz metin)</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Düzenle</translation>
    </message>
    <message>
        <source>Edit and resend (Ctrl+E); later turns are dropped</source>
        <translation>Düzenle ve yeniden gönder (Ctrl+E); sonraki mesajlar silinir</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Yeniden oluştur</translation>
    </message>
    <message>
        <source>Write this reply again (Ctrl+R)</source>
        <translation>Bu yanıtı yeniden yazdır (Ctrl+R)</translation>
    </message>
    <message>
        <source>Reasoning · thinking…</source>
        <translation>Akıl yürütme · düşünüyor…</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Akıl yürütme</translation>
    </message>
    <message>
        <source>■ Stopped — partial reply</source>
        <translation>■ Durduruldu — yarım yanıt</translation>
    </message>
    <message>
        <source>Incomplete — the app closed mid-reply</source>
        <translation>Eksik — uygulama yanıtın ortasında kapandı</translation>
    </message>
    <message>
        <source>The request failed.</source>
        <translation>İstek başarısız oldu.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Yeniden dene</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>İptal</translation>
    </message>
    <message>
        <source>{name} · {size} bytes</source>
        <translation>{name} · {size} bayt</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>You</source>
        <translation>Siz</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asistan</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistem</translation>
    </message>
    <message>
        <source>{role}, version {version} of {count} (Alt+Left, Alt+Right): {text}</source>
        <translation>{role}, sürüm {version}/{count} (Alt+Sol, Alt+Sağ): {text}</translation>
    </message>
    <message>
        <source>{role}: {text}</source>
        <translation>{role}: {text}</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Messages</source>
        <translation>Mesajlar</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopyalandı</translation>
    </message>
    <message>
        <source>The image is missing: {reason}</source>
        <translation>Görsel bulunamadı: {reason}</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>Markdown olarak kopyala</translation>
    </message>
    <message>
        <source>Copy as plain text</source>
        <translation>Düz metin olarak kopyala</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Düzenle</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Yeniden oluştur</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Yeniden dene</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Sesli oku</translation>
    </message>
    <message>
        <source>Copy request id</source>
        <translation>İstek kimliğini kopyala</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Önceki sürüm</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Sonraki sürüm</translation>
    </message>
    <message>
        <source>Copied as plain text</source>
        <translation>Düz metin olarak kopyalandı</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The model this conversation talks to</source>
        <translation>Bu sohbetin konuştuğu model</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>{model}  ·  {tokens} context</source>
        <translation>{model}  ·  {tokens} bağlam</translation>
    </message>
    <message>
        <source>{model}
Context window: {window} tokens
Longest reply: {reply} tokens
By {owner}</source>
        <translation>{model}
Bağlam penceresi: {window} token
En uzun yanıt: {reply} token
Sağlayan: {owner}</translation>
    </message>
    <message>
        <source>{model}  ·  not offered any more</source>
        <translation>{model}  ·  artık sunulmuyor</translation>
    </message>
</context>
<context>
    <name>ParametersSheet</name>
    <message>
        <source>Parameters of this conversation</source>
        <translation>Bu sohbetin parametreleri</translation>
    </message>
    <message>
        <source>Close the parameters (Esc)</source>
        <translation>Parametreleri kapat (Esc)</translation>
    </message>
    <message>
        <source>Close the parameters</source>
        <translation>Parametreleri kapat</translation>
    </message>
    <message>
        <source>Reset all to defaults</source>
        <translation>Tümünü varsayılana döndür</translation>
    </message>
    <message>
        <source>Reset “{name}” to its default</source>
        <translation>“{name}” değerini varsayılana döndür</translation>
    </message>
    <message>
        <source>Reset “{name}”</source>
        <translation>“{name}” değerini sıfırla</translation>
    </message>
    <message>
        <source>value</source>
        <translation>değer</translation>
    </message>
</context>
<context>
    <name>ParametersWidget</name>
    <message>
        <source>default</source>
        <translation>varsayılan</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Kapalı</translation>
    </message>
    <message>
        <source>JSON object</source>
        <translation>JSON nesnesi</translation>
    </message>
    <message>
        <source>JSON schema</source>
        <translation>JSON şeması</translation>
    </message>
    <message>
        <source>JSON mode: sent without streaming (the reply arrives whole), and web search and code execution are off while it is on: Groq refuses structured output with streaming or tools.</source>
        <translation>JSON modu: akış olmadan gönderilir (yanıt tek parça gelir); açıkken web araması ve kod çalıştırma kapalıdır: Groq, yapılandırılmış çıktıyı akışla veya araçlarla kabul etmez.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yok</translation>
    </message>
    <message>
        <source>low</source>
        <translation>düşük</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>orta</translation>
    </message>
    <message>
        <source>high</source>
        <translation>yüksek</translation>
    </message>
    <message>
        <source>parsed</source>
        <translation>ayrıştırılmış</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>ham</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>gizli</translation>
    </message>
    <message>
        <source>on demand</source>
        <translation>isteğe bağlı</translation>
    </message>
    <message>
        <source>flex</source>
        <translation>esnek</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>otomatik</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Kişi</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>Duygu</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>Görev listesi</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>gösterilir</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametreler</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>Yardımsever bir asistansın.</translation>
    </message>
    <message>
        <source>Sent first, before every request of this conversation</source>
        <translation>Bu sohbetin her isteğinden önce ilk olarak gönderilir</translation>
    </message>
    <message>
        <source>Randomness, 0 to 2 (default: the model's, 1)</source>
        <translation>Rastgelelik, 0 ile 2 arası (varsayılan: modelinki, 1)</translation>
    </message>
    <message>
        <source>Nucleus sampling, 0 to 1 (default 1)</source>
        <translation>Çekirdek örnekleme, 0 ile 1 arası (varsayılan 1)</translation>
    </message>
    <message>
        <source>Longest reply. Default: the model's own limit within your plan's output tokens per minute</source>
        <translation>En uzun yanıt. Varsayılan: planınızın dakika başına çıkış tokenı içinde modelin kendi sınırı</translation>
    </message>
    <message>
        <source>random</source>
        <translation>rastgele</translation>
    </message>
    <message>
        <source>Same seed and parameters: mostly the same reply</source>
        <translation>Aynı tohum ve parametreler: çoğunlukla aynı yanıt</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>durdurma</translation>
    </message>
    <message>
        <source>Up to {count} sequences that end the reply</source>
        <translation>Yanıtı bitiren en fazla {count} dizi</translation>
    </message>
    <message>
        <source>How much the model thinks before answering</source>
        <translation>Modelin yanıtlamadan önce ne kadar düşüneceği</translation>
    </message>
    <message>
        <source>parsed: thinking shown apart · raw: inline &lt;think&gt; · hidden: not sent</source>
        <translation>ayrıştırılmış: düşünme ayrı gösterilir · ham: satır içinde &lt;think&gt; · gizli: gönderilmez</translation>
    </message>
    <message>
        <source>Whether the model's thinking comes back with the reply</source>
        <translation>Modelin düşünmesinin yanıtla birlikte gelip gelmeyeceği</translation>
    </message>
    <message>
        <source>on demand: the standard tier · flex: 10x the limits, may be refused when Groq is busy · auto: flex when there is room</source>
        <translation>isteğe bağlı: standart katman · esnek: 10 kat sınır, Groq yoğunken reddedilebilir · otomatik: yer varsa esnek</translation>
    </message>
    <message>
        <source>Fall back to on-demand when flex is full</source>
        <translation>Esnek dolduğunda isteğe bağlı katmana geç</translation>
    </message>
    <message>
        <source>When Groq answers 498 (no flex capacity), send the request again on demand</source>
        <translation>Groq 498 yanıtı verirse (esnek kapasite yok), isteği isteğe bağlı katmanda yeniden gönder</translation>
    </message>
    <message>
        <source>Send only the recent turns that fit</source>
        <translation>Yalnızca sığan son mesajları gönder</translation>
    </message>
    <message>
        <source>When the conversation outgrows the context window, leave the oldest turns out</source>
        <translation>Sohbet bağlam penceresini aştığında en eski mesajları dışarıda bırak</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Sistem istemi</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Sıcaklık</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Max reply tokens</source>
        <translation>En fazla yanıt tokenı</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Tohum</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>Durdurma dizileri</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Akıl yürütme çabası</translation>
    </message>
    <message>
        <source>Reasoning format</source>
        <translation>Akıl yürütme biçimi</translation>
    </message>
    <message>
        <source>Reasoning shown</source>
        <translation>Akıl yürütme gösterimi</translation>
    </message>
    <message>
        <source>Service tier</source>
        <translation>Hizmet katmanı</translation>
    </message>
    <message>
        <source>Web search (browser_search)</source>
        <translation>Web araması (browser_search)</translation>
    </message>
    <message>
        <source>Groq searches the web on its side; the reply shows the results it used</source>
        <translation>Groq web’de kendi tarafında arar; yanıt kullandığı sonuçları gösterir</translation>
    </message>
    <message>
        <source>Run Python (code_interpreter)</source>
        <translation>Python çalıştır (code_interpreter)</translation>
    </message>
    <message>
        <source>Groq runs Python on its side; the reply shows the code and its output</source>
        <translation>Groq Python’u kendi tarafında çalıştırır; yanıt kodu ve çıktısını gösterir</translation>
    </message>
    <message>
        <source>Built-in tools</source>
        <translation>Yerleşik araçlar</translation>
    </message>
    <message>
        <source>Ask for a reply that is a JSON object, or one that follows your schema</source>
        <translation>JSON nesnesi olan ya da şemanıza uyan bir yanıt iste</translation>
    </message>
    <message>
        <source>JSON mode</source>
        <translation>JSON modu</translation>
    </message>
    <message>
        <source>Start from an example…</source>
        <translation>Bir örnekle başla…</translation>
    </message>
    <message>
        <source>{"type": "object", "properties": {...}, "required": [...]}</source>
        <translation>{"type": "object", "properties": {...}, "required": [...]}</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Şema</translation>
    </message>
    <message>
        <source>Write a schema or start from an example.</source>
        <translation>Bir şema yazın ya da bir örnekle başlayın.</translation>
    </message>
    <message>
        <source>✓ Valid schema: saved with the conversation.</source>
        <translation>✓ Geçerli şema: sohbetle birlikte kaydedildi.</translation>
    </message>
    <message>
        <source>✗ {problem} Not saved.</source>
        <translation>✗ {problem} Kaydedilmedi.</translation>
    </message>
    <message>
        <source>Off while JSON mode is on</source>
        <translation>JSON modu açıkken kapalı</translation>
    </message>
    <message>
        <source>default (up to {tokens})</source>
        <translation>varsayılan (en fazla {tokens})</translation>
    </message>
</context>
<context>
    <name>TooLargeBar</name>
    <message>
        <source>This request needs {requested} input tokens; your limit is {limit} a minute.</source>
        <translation>Bu istek {requested} giriş tokenı gerektiriyor; sınırınız dakikada {limit}.</translation>
    </message>
    <message>
        <source>This request needs {requested} output tokens; your limit is {limit} a minute.</source>
        <translation>Bu istek {requested} çıkış tokenı gerektiriyor; sınırınız dakikada {limit}.</translation>
    </message>
    <message>
        <source>This request needs {requested} tokens (prompt and reply); your limit is {limit} a minute.</source>
        <translation>Bu istek {requested} token (istem ve yanıt) gerektiriyor; sınırınız dakikada {limit}.</translation>
    </message>
    <message>
        <source>This request needs {requested} requests; your limit is {limit} a minute.</source>
        <translation>Bu istek {requested} istek gerektiriyor; sınırınız dakikada {limit}.</translation>
    </message>
    <message>
        <source>This request needs {requested} tokens; your limit is {limit} a minute.</source>
        <translation>Bu istek {requested} token gerektiriyor; sınırınız dakikada {limit}.</translation>
    </message>
    <message>
        <source>This request needs {requested} tokens; your limit is {limit} in one go.</source>
        <translation>Bu istek {requested} token gerektiriyor; sınırınız tek seferde {limit}.</translation>
    </message>
    <message>
        <source>Drop oldest turns</source>
        <translation>En eski mesajları çıkar</translation>
    </message>
    <message>
        <source>Leave the oldest turns out of what is sent until the request fits</source>
        <translation>İstek sığana kadar en eski mesajları gönderilenlerin dışında bırak</translation>
    </message>
    <message>
        <source>Set this conversation's max reply tokens so the request fits</source>
        <translation>Bu sohbetin en fazla yanıt tokenını isteğin sığacağı değere ayarla</translation>
    </message>
    <message>
        <source>{reason} It was not sent.</source>
        <translation>{reason} Gönderilmedi.</translation>
    </message>
    <message>
        <source>Lower max tokens to {tokens}</source>
        <translation>En fazla tokenı {tokens} değerine düşür</translation>
    </message>
</context>
<context>
    <name>emoji_fallback</name>
    <message>
        <source>[flag {code}]</source>
        <translation>[bayrak {code}]</translation>
    </message>
</context>
<context>
    <name>markdown_render</name>
    <message>
        <source>code</source>
        <translation>kod</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopyala</translation>
    </message>
    <message>
        <source>image</source>
        <translation>görsel</translation>
    </message>
</context>
<context>
    <name>tool_activity</name>
    <message numerus="yes">
        <source>Web search · %n source(s)</source>
        <translation>
            <numerusform>Web araması · %n kaynak</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Python runs · %n</source>
        <translation>
            <numerusform>Python çalıştırmaları · %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other tool call(s)</source>
        <translation>
            <numerusform>%n başka araç çağrısı</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Searched&lt;/b&gt; “{query}”&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Arandı:&lt;/b&gt; “{query}”&lt;/p&gt;</translation>
    </message>
    <message>
        <source>result</source>
        <translation>sonuç</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Ran Python&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Python çalıştırıldı&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Output&lt;/p&gt;</source>
        <translation>&lt;p&gt;Çıktı&lt;/p&gt;</translation>
    </message>
    <message>
        <source>✓ Valid JSON, matches the schema</source>
        <translation>✓ Geçerli JSON, şemaya uyuyor</translation>
    </message>
    <message>
        <source>✓ Valid JSON</source>
        <translation>✓ Geçerli JSON</translation>
    </message>
</context>
</TS>
